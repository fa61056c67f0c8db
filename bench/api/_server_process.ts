/**
 * Starts a benchmark server as a child process on a free loopback port and waits until it
 * answers HTTP; `stop()` sends SIGTERM and waits for the exit.
 */

/** A running server process. */
export interface ServerProcess {
  origin: string;
  /** The child's process id. */
  pid: number;
  /** CPU seconds (user + system) used so far by the process and its descendants. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  command: string;
  /** Arguments; `{port}` is replaced by the chosen port. */
  args: string[];
  /** The child's whole environment (PORT is added). */
  env: Record<string, string>;
  timeoutMs?: number;
}

/** A port nobody listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Spawns the server and resolves once `GET /api` answers (any status below 500). */
export async function spawnServer(
  { command, args, env, timeoutMs = 60_000 }: SpawnOptions,
): Promise<ServerProcess> {
  const port = freePort();
  const child = new Deno.Command(command, {
    args: args.map((arg) => arg.replaceAll("{port}", String(port))),
    env: { ...env, PORT: String(port) },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  let exited = false;
  child.status.then(() => exited = true);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${command} ${args.join(" ")} exited before answering`);
    try {
      const response = await fetch(`${origin}/api`);
      await response.body?.cancel();
      if (response.status < 500) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${command} did not answer on ${origin} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    pid: child.pid,
    cpuSeconds: () => treeCpuSeconds(child.pid),
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** The parent environment entries a child needs to find its tools and caches. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

/** utime + stime of `root` and every descendant, from /proc (Linux only; 0 elsewhere). */
export async function treeCpuSeconds(root: number): Promise<number> {
  const stats = new Map<number, { parent: number; ticks: number }>();
  try {
    for await (const entry of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      const text = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
      // Fields after the parenthesised command name: state ppid ... utime(12) stime(13).
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      if (fields.length < 13) continue;
      stats.set(Number(entry.name), {
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    }
  } catch {
    return 0;
  }
  let ticks = 0;
  for (const [pid, stat] of stats) {
    for (let at: number | undefined = pid; at !== undefined && at > 1;) {
      if (at === root) {
        ticks += stat.ticks;
        break;
      }
      at = stats.get(at)?.parent;
    }
  }
  return ticks / CLOCK_TICKS;
}
