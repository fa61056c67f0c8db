/**
 * A process's CPU time thread by thread, from Linux's scheduler statistics
 * (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds), and the time its threads ran between two
 * readings: `bench:search-served-ab`'s per-request server CPU under `BENCH_PAIRED`. Not a test.
 */

/** Nanoseconds each thread of process `pid` has run so far, by thread id. */
export function threadRunTimes(pid: number, proc = "/proc"): Map<string, number> {
  const times = new Map<string, number>();
  for (const task of Deno.readDirSync(`${proc}/${pid}/task`)) {
    try {
      const text = Deno.readTextFileSync(`${proc}/${pid}/task/${task.name}/schedstat`);
      times.set(task.name, Number(text.split(" ")[0]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
}

/**
 * Nanoseconds the threads ran from `before` to `after`, each thread against its own earlier
 * figure: a thread started since counts from zero, one ended since is left out (its whole past
 * would otherwise be subtracted, as a sum over the threads alive at each reading does).
 */
export function ranBetween(before: Map<string, number>, after: Map<string, number>): number {
  let ran = 0;
  for (const [thread, ns] of after) ran += ns - (before.get(thread) ?? 0);
  return ran;
}
