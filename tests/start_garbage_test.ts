import assert from "node:assert/strict";
import { startServer } from "./_server_process.ts";

const CHILD = new URL("./_start_garbage_child.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url);

/** Runs the child with `v8Flags`; what it printed. */
async function runChild(v8Flags: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...v8Flags, CHILD],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout)) as {
    before: number;
    after: number;
    ms?: number;
  };
}

Deno.test("with --expose-gc, the start-up garbage is collected and the heap shrinks", async () => {
  const { before, after, ms } = await runChild(["--v8-flags=--expose-gc"]);
  assert.equal(typeof ms, "number");
  assert.ok(after < before / 2, `heap ${before} -> ${after} bytes`);
});

Deno.test("without --expose-gc, releasing start-up garbage does nothing", async () => {
  const { ms } = await runChild([]);
  assert.equal(ms, undefined);
});

Deno.test("deno task start, dev and compile run with the same V8 flags", async () => {
  const { tasks } = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))) as {
    tasks: Record<string, string>;
  };
  const v8Flags = (task: string) =>
    tasks[task]!.split(/\s+/).filter((word) => word.startsWith("--v8-flags"));
  assert.deepEqual(v8Flags("start"), ["--v8-flags=--expose-gc"]);
  assert.deepEqual(v8Flags("dev"), v8Flags("start"));
  assert.deepEqual(v8Flags("compile"), v8Flags("start"));
});

/** Starts api and one worker thread with `denoFlags`; the two start-up log records. */
async function startedRecords(denoFlags: string[]) {
  const server = await startServer(["--role=api,worker", "--workers=1"], {
    env: { LOG_LEVEL: "debug" },
    denoFlags,
  });
  try {
    const worker = await server.waitFor((r) => r.msg === "task worker ready");
    const api = server.records.find((r) => r.msg === "start-up garbage released");
    return { api, worker };
  } finally {
    assert.equal(await server.stop(), 0);
  }
}

Deno.test({
  name:
    "with deno task start's V8 flags, the API thread and each worker thread release their start-up garbage",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { api, worker } = await startedRecords(["--v8-flags=--expose-gc"]);
    assert.equal(typeof api?.ms, "number");
    assert.equal(typeof worker.startGarbageMs, "number");
  },
});

Deno.test({
  name: "without the flag, the server starts as before and collects nothing itself",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { api, worker } = await startedRecords([]);
    assert.equal(api, undefined);
    assert.equal(worker.startGarbageMs, undefined);
  },
});
