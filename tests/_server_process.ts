/**
 * Runs the real binary entry (`main.ts`) as a child process, as `deno task start` would, and
 * reads its JSON log lines, so tests can wait for "listening" and learn the ports it bound.
 */

import { linesOf } from "./_lines.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
/** The engine URLs a test's environment may hold; children start embedded unless given them. */
const EMBEDDED = { MONGO_URI: "", ELASTICSEARCH_URL: "", REDIS_URL: "" };
const PERMISSIONS = ["--allow-net", "--allow-read", "--allow-write", "--allow-env", "--allow-sys"];

/** Runs `main.ts args` to completion; returns its exit code and output. */
export async function runBinary(args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, MAIN, ...args],
    env: { NO_COLOR: "1", ...EMBEDDED, ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

export interface ServerProcess {
  /** Ports by role, from the "listening" log lines. */
  ports: Record<string, number>;
  /** Every JSON log record read so far. */
  records: Record<string, unknown>[];
  process: Deno.ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  /** Waits for a record matching `predicate`. */
  waitFor(
    predicate: (record: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number>;
}

/** Starts the server with `args` and waits until every role in `roles` is listening. */
export async function startServer(
  args: string[],
  { env = {}, listening = ["api"], entry = MAIN, denoFlags = [] }: {
    env?: Record<string, string>;
    listening?: string[];
    /** The entry module; `main.ts` by default. */
    entry?: string;
    /** Flags for `deno run` besides the permissions, e.g. `deno task start`'s V8 flags. */
    denoFlags?: string[];
  } = {},
): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? await Deno.makeTempDir({ prefix: "superdesk_proc_" });
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, ...denoFlags, entry, ...args],
    env: {
      NO_COLOR: "1",
      ...EMBEDDED,
      PORT: "0",
      WS_PORT: "0",
      HOST: "127.0.0.1",
      WS_HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...env,
    },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const records: Record<string, unknown>[] = [];
  const waiters: Array<
    {
      predicate: (r: Record<string, unknown>) => boolean;
      resolve: (r: Record<string, unknown>) => void;
    }
  > = [];
  const reading = (async () => {
    for await (const line of linesOf(process.stdout)) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      records.push(record);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(record)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(record);
        }
      }
    }
  })();
  const exited = process.status.then(async (status) => {
    await reading;
    if (!env.DATA_DIR) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    return status.code;
  });
  const waitFor = (predicate: (record: Record<string, unknown>) => boolean) => {
    const found = records.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ predicate, resolve });
      exited.then((code) =>
        reject(new Error(`server exited with ${code} before the awaited log line`))
      );
    });
  };
  const ports: Record<string, number> = {};
  for (const role of listening) {
    const record = await waitFor((r) => r.msg === "listening" && r.role === role);
    ports[role] = Number(record.port);
  }
  return {
    ports,
    records,
    process,
    exited,
    waitFor,
    stop() {
      try {
        process.kill("SIGTERM");
      } catch {
        // Already exited.
      }
      return exited;
    },
  };
}
