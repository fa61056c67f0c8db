/**
 * The benchmark's printed table: one block per operation with every target's median req/s,
 * p50, p99 and server CPU per request, then the ratios against the targets (ours ≥ 0.8 × the
 * raw HTTP server's req/s; ours ≥ 2 × Eve's req/s with at most 1/5 of its CPU per request), each
 * on the same store; ours / in-process raw driver is shown too.
 */
import { printLine } from "../../src/log.ts";
import type { LoadResult } from "./load.ts";

/** The median figures of one target on one operation. */
export interface Row extends LoadResult {
  operation: string;
  store: string;
  system: string;
  /** Server-process CPU milliseconds per request (the database server excluded); NaN if unknown. */
  cpuMs: number;
}

const RAW_TARGET = 0.8;
const EVE_TARGET = 2;
const EVE_CPU_TARGET = 5;

/** Prints the table of `rows`, grouped by operation in first-seen order. */
export function printReport(rows: readonly Row[]): void {
  const operations = [...new Set(rows.map((row) => row.operation))];
  for (const operation of operations) {
    const block = rows.filter((row) => row.operation === operation);
    printLine(`\n${operation}`);
    printLine(
      `  ${"store".padEnd(16)}${"system".padEnd(22)}${"req/s".padStart(9)}` +
        `${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"CPU ms/req".padStart(12)}` +
        `${"errors".padStart(8)}`,
    );
    for (const row of block) {
      printLine(
        `  ${row.store.padEnd(16)}${row.system.padEnd(22)}${fixed(row.perSecond, 0).padStart(9)}` +
          `${fixed(row.p50, 2).padStart(9)}${fixed(row.p99, 2).padStart(9)}` +
          `${fixed(row.cpuMs, 3).padStart(12)}` +
          `${String(row.errors).padStart(8)}`,
      );
    }
    for (const store of new Set(block.map((row) => row.store))) printRatios(block, store);
  }
}

/** The throughput ratios (with the targets) and CPU-per-request ratios of one store. */
function printRatios(block: readonly Row[], store: string): void {
  const find = (prefix: string) =>
    block.find((row) => row.store === store && row.system.startsWith(prefix));
  const ours = find("ours");
  if (!ours) return;
  const rawHttp = find("raw HTTP");
  const rawDriver = find("raw driver");
  const eve = find("Eve");
  const parts: string[] = [];
  if (rawHttp) parts.push(ratio("ours/raw HTTP", ours, rawHttp, RAW_TARGET));
  // In-process calls carry no HTTP cost at all: shown for scale, not held to the target.
  if (rawDriver) parts.push(ratio("ours/raw driver", ours, rawDriver));
  if (eve) parts.push(ratio("ours/Eve", ours, eve, EVE_TARGET));
  printLine(`  ${store}: ${parts.join("; ")}`);
  const cpu: string[] = [];
  if (rawHttp) cpu.push(`ours ${fixed(ours.cpuMs / rawHttp.cpuMs, 1)}× raw HTTP`);
  if (eve) {
    const times = eve.cpuMs / ours.cpuMs;
    cpu.push(
      `Eve ${fixed(times, 1)}× ours (target ≥ ${EVE_CPU_TARGET}: ` +
        `${times >= EVE_CPU_TARGET ? "met" : "NOT met"})`,
    );
  }
  if (cpu.length > 0) printLine(`  ${store} server CPU per request: ${cpu.join("; ")}`);
}

function ratio(label: string, ours: Row, other: Row, target?: number): string {
  const value = ours.perSecond / other.perSecond;
  const text = `${label} ${fixed(value, 2)}`;
  if (target === undefined) return text;
  return `${text} (target ≥ ${target}: ${value >= target ? "met" : "NOT met"})`;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}
