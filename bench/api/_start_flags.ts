/**
 * The flags `deno task start` runs `main.ts` with (permissions and V8's), read from a checkout's
 * deno.json: the benches that spawn our server spawn it as production starts it (V8 flags such
 * as `--expose-gc` change how the heap behaves under load, `src/start_garbage.ts`).
 */

/** The words between `run` and `main.ts` of the start task in `root`/deno.json. */
export function startTaskFlags(root: string): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${root.replace(/\/$/, "")}/deno.json`));
  const words = String(config.tasks.start).split(/\s+/);
  const [from, to] = [words.indexOf("run"), words.indexOf("main.ts")];
  if (from < 0 || to < from) {
    throw new Error("deno.json's start task is not `deno run ... main.ts`");
  }
  return words.slice(from + 1, to);
}
