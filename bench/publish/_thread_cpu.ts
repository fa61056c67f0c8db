/**
 * CPU seconds (user + system) of one process's threads, from /proc (Linux only; empty
 * elsewhere), grouped as the publish bench reports them: the main (API) thread, the task
 * worker threads (named `worker-N`), and the rest (V8's helper threads, the runtime's I/O and
 * blocking-call threads).
 */

/** Linux clock ticks per second, the unit of /proc/<pid>/task/<tid>/stat times. */
const CLOCK_TICKS = 100;

/** CPU seconds by thread group. */
export interface ThreadCpu {
  main: number;
  workers: number;
  other: number;
}

/** The CPU seconds `pid`'s threads have used so far, by group. */
export async function threadCpuSeconds(pid: number): Promise<ThreadCpu> {
  const cpu: ThreadCpu = { main: 0, workers: 0, other: 0 };
  try {
    for await (const entry of Deno.readDir(`/proc/${pid}/task`)) {
      const text = await Deno.readTextFile(`/proc/${pid}/task/${entry.name}/stat`).catch(() => "");
      const close = text.lastIndexOf(")");
      if (close < 0) continue;
      const name = text.slice(text.indexOf("(") + 1, close);
      // Fields after the parenthesised name: state ppid ... utime(12) stime(13).
      const fields = text.slice(close + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      if (Number(entry.name) === pid) cpu.main += seconds;
      else if (name.startsWith("worker-")) cpu.workers += seconds;
      else cpu.other += seconds;
    }
  } catch {
    // No /proc: nothing to report.
  }
  return cpu;
}

/** `after - before`, per group. */
export function cpuSpent(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
  return {
    main: after.main - before.main,
    workers: after.workers - before.workers,
    other: after.other - before.other,
  };
}

/** The CPU seconds all of `pid`'s threads have used so far. */
export async function processCpuSeconds(pid: number): Promise<number> {
  const { main, workers, other } = await threadCpuSeconds(pid);
  return main + workers + other;
}
