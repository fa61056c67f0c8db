/**
 * Gives a thread's start-up garbage back to the system at once. Loading ~500 modules and building
 * the platform grows an isolate's young generation (3–5 MB semi-spaces, resident once touched) and
 * leaves dead start-up objects in its old generation; V8's memory reducer returns them only after
 * ~5 s of low allocation at best. When the process runs with `--v8-flags=--expose-gc` (as
 * `deno task start` and the compiled binary do), one memory-reducing full collection at the end of
 * start-up does it now: ~7–10 MB per thread, for 30–200 ms of that thread's time, once (the API
 * thread before it listens, a task worker thread before it reports ready). Without the flag it
 * does nothing.
 */

/** V8's `gc` extension, present when the process runs with `--expose-gc`. */
type ExposedGc = (options: {
  type: "major";
  execution: "sync";
  flavor: "last-resort";
}) => void;

/**
 * Runs one memory-reducing full collection of this isolate (shrinking its young generation and
 * returning free pages); the milliseconds it took, or undefined without `--expose-gc`.
 */
export function releaseStartGarbage(): number | undefined {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  if (typeof gc !== "function") return undefined;
  const started = performance.now();
  gc({ type: "major", execution: "sync", flavor: "last-resort" });
  return performance.now() - started;
}
