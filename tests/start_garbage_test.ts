import assert from "node:assert/strict";

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
