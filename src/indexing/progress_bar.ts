/**
 * A progress bar on stderr for long commands (`index:rebuild`): on a terminal it redraws one
 * line in place (cursor up, clear line); otherwise it prints a line every few seconds, so logs
 * stay readable. Rates are documents per second since the start.
 */
import { printLine } from "../log.ts";

/** A bar that can be updated and finished. */
export interface ProgressBar {
  update(done: number, total: number, elapsedMs: number): void;
  finish(done: number, total: number, elapsedMs: number): void;
}

/** Options of `createProgressBar`. */
export interface ProgressBarOptions {
  /** Redraw in place; defaults to whether stderr is a terminal. */
  tty?: boolean;
  /** Minimum time between printed lines when not a terminal. */
  intervalMs?: number;
  /** Where lines go; stderr by default. */
  print?: (line: string) => void;
}

const WIDTH = 30;
const UP_AND_CLEAR = "\x1b[1A\x1b[2K";

/** A progress bar labelled `label`. */
export function createProgressBar(label: string, options: ProgressBarOptions = {}): ProgressBar {
  const {
    tty = Deno.stderr.isTerminal(),
    intervalMs = 2_000,
    print = (line: string) => printLine(line, { stream: "stderr" }),
  } = options;
  let drawn = false;
  let lastPrinted = -Infinity;
  const draw = (done: number, total: number, elapsedMs: number) => {
    const line = progressLine(label, done, total, elapsedMs);
    print(tty && drawn ? UP_AND_CLEAR + line : line);
    drawn = true;
    lastPrinted = elapsedMs;
  };
  return {
    update(done, total, elapsedMs) {
      if (tty || elapsedMs - lastPrinted >= intervalMs) draw(done, total, elapsedMs);
    },
    finish: draw,
  };
}

/** `label [#####-----]  50%  500/1000  1234 docs/s`. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number) {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const rate = elapsedMs > 0 ? Math.round(done / (elapsedMs / 1000)) : 0;
  return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${
    String(Math.round(ratio * 100)).padStart(3)
  }%  ${done}/${total}  ${rate} docs/s`;
}
