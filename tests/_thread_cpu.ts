/**
 * CPU time of the calling thread, which load on the machine does not move the way it moves wall
 * time: Linux's `/proc/thread-self/schedstat` (nanoseconds, brought up to date at each context
 * switch and scheduler tick, so it may lag by one tick); wall time where it is missing.
 */

const SCHEDSTAT = "/proc/thread-self/schedstat";

/** Nanoseconds of CPU this thread has used, or wall time where the kernel does not say. */
export function threadCpuNanoseconds(): number {
  try {
    return Number(Deno.readTextFileSync(SCHEDSTAT).split(" ", 1)[0]);
  } catch {
    return performance.now() * 1e6;
  }
}
