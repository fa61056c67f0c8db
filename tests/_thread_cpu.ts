/**
 * CPU time of a thread, which load on the machine does not move the way it moves wall time:
 * Linux's `/proc/thread-self/schedstat` (nanoseconds, brought up to date at each context switch
 * and scheduler tick, so it may lag by one tick). Read by the thread itself it is the main
 * thread's or a worker's own figure; `/proc/self/task/<id>/schedstat` gives another thread's.
 * Where the kernel does not give it, it throws: a wall clock in its place would make every
 * timing test load-sensitive without saying so.
 */

/** The first field of a schedstat file: nanoseconds spent on the CPU; throws if unreadable. */
function schedstatNanoseconds(path: string): number {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    throw new Error(`no thread CPU clock: ${path} unreadable (${error}); Linux needed`);
  }
  const ns = Number(text.split(" ", 1)[0]);
  if (!Number.isFinite(ns) || ns <= 0) {
    throw new Error(`no thread CPU clock: ${path} reads ${JSON.stringify(text)}`);
  }
  return ns;
}

/** Nanoseconds of CPU this thread has used; throws where the kernel does not say. */
export function threadCpuNanoseconds(): number {
  return schedstatNanoseconds("/proc/thread-self/schedstat");
}

/** The kernel's id of this thread, for another thread of the process to read its CPU time. */
export function threadId(): number {
  return Number(Deno.readTextFileSync("/proc/thread-self/stat").split(" ", 1)[0]);
}

/** Nanoseconds of CPU used by the thread `id` (from `threadId`) of this process. */
export function cpuNanosecondsOfThread(id: number): number {
  return schedstatNanoseconds(`/proc/self/task/${id}/schedstat`);
}
