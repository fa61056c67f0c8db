/**
 * What the image thread's watchdog tests drive by hand: a stand-in thread that reports and
 * answers only when told, and a clock that moves only when told (no real time in the tests).
 */
import type { ImageJob, ImageMessage } from "../../src/media/image_protocol.ts";
import type { ImageWorker, StallClock } from "../../src/media/image_thread.ts";

/** A thread that holds the jobs it is sent and says what the test makes it say. */
export class DrivenWorker implements ImageWorker {
  onmessage: ((event: MessageEvent<ImageMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly jobs: ImageJob[] = [];
  terminated = false;

  postMessage(job: ImageJob): void {
    this.jobs.push(job);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Step `progress` of job `id` done. */
  report(id: number, progress: string): void {
    this.onmessage?.(new MessageEvent("message", { data: { id, progress } }));
  }

  /** Job `id` answered. */
  answer(id: number): void {
    const data: ImageMessage = { id, ok: true, width: 1, height: 1, exif: {}, renditions: [] };
    this.onmessage?.(new MessageEvent("message", { data }));
  }
}

/** A clock whose time passes by `advance` alone. */
export class ManualClock {
  #now = 0;
  readonly #alarms = new Set<{ at: number; alarm: () => void }>();

  /** The clock to give the image thread. */
  readonly clock: StallClock = (ms, alarm) => {
    const entry = { at: this.#now + ms, alarm };
    this.#alarms.add(entry);
    return () => this.#alarms.delete(entry);
  };

  /** Lets `ms` pass, ringing the alarms that fall due. */
  advance(ms: number): void {
    this.#now += ms;
    for (const entry of [...this.#alarms]) {
      if (entry.at > this.#now || !this.#alarms.delete(entry)) continue;
      entry.alarm();
    }
  }
}
