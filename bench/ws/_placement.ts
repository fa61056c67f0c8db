/**
 * Where `bench:ws` runs its processes. In production the 10,000 clients are other machines; here
 * they share the server's cores, and their receipts cost about as much CPU as the server's sends.
 * By default the server is pinned to the first core and the client processes to the others
 * (`taskset`, Linux, at least two cores), so every system's server has a core the load generator
 * does not take, and the server runs in a session of its own (`setsid`): where Linux groups
 * processes by session for scheduling (autogroup), the clients' CPU then no longer comes out of the
 * server's group share. The client processes may also run at a lower priority (`nice`). The same
 * placement applies to every system. `--pin=off --client-nice=0` is the earlier method (everything
 * on every core, in one session, at one priority).
 */

/** The benchmark's process placement. */
export interface Placement {
  /** `taskset -c` list for the server process; undefined = any core. */
  serverCpus?: string;
  /** Whether the server runs in a session (scheduling group) of its own. */
  serverSession: boolean;
  /** `taskset -c` list for the client processes; undefined = any core. */
  clientCpus?: string;
  /** `nice` increment of the client processes (0 = the server's priority). */
  clientNice: number;
}

/** The placement for `--pin` (on|off) and `--client-nice`; pinning needs `taskset` and two
 * cores, else it is off (and said so by `describePlacement`). */
export function choosePlacement(
  { pin, clientNice }: { pin: boolean; clientNice: number },
): Placement {
  const cores = navigator.hardwareConcurrency;
  if (!pin || cores < 2 || !runs("taskset") || !runs("setsid")) {
    return { serverSession: false, clientNice };
  }
  const clientCpus = cores === 2 ? "1" : `1-${cores - 1}`;
  return { serverCpus: "0", serverSession: true, clientCpus, clientNice };
}

/** The command line that runs `command args` with `cpus`, `nice` and a new `session` applied
 * (the three programs exec the command, so the child's pid is the command's own: a spawned child
 * leads no process group, so `setsid` does not fork). */
export function placeCommand(
  command: string,
  args: string[],
  { cpus, nice = 0, session = false }: { cpus?: string; nice?: number; session?: boolean },
): { command: string; args: string[] } {
  let line = [command, ...args];
  if (cpus) line = ["taskset", "-c", cpus, ...line];
  if (nice) line = ["nice", "-n", String(nice), ...line];
  if (session) line = ["setsid", ...line];
  return { command: line[0]!, args: line.slice(1) };
}

/** One line for the report: how the processes were placed. */
export function describePlacement(placement: Placement): string {
  const cores = placement.serverCpus
    ? `server on core ${placement.serverCpus}${
      placement.serverSession ? " in its own session" : ""
    }, clients on ${placement.clientCpus}`
    : "server and clients on any core";
  return `${cores}, clients at nice ${placement.clientNice}`;
}

/** Whether `program --version` runs here. */
function runs(program: string): boolean {
  try {
    return new Deno.Command(program, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}
