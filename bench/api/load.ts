/**
 * The load generator: `concurrency` loops, each running its step back to back for a fixed
 * duration and recording each step's latency. The same generator drives every target (HTTP
 * steps through `fetch` with keep-alive, or direct driver calls); it runs in the benchmark's own
 * process and so competes with the servers for the machine's cores.
 */

/** One request (or driver call); resolves true on success. */
export type Step = () => Promise<boolean>;

/** Builds the step of loop `index`, after any untimed preparation it needs. */
export type StepFactory = (index: number) => Promise<Step>;

export interface LoadOptions {
  concurrency: number;
  seconds: number;
}

/** What one run measured. */
export interface LoadResult {
  /** Successful steps, and per second. */
  count: number;
  perSecond: number;
  /** Latency quantiles of the successful steps, in milliseconds. */
  p50: number;
  p99: number;
  errors: number;
}

/** Runs the loops for `seconds` and summarises them. */
export async function runLoad(
  factory: StepFactory,
  { concurrency, seconds }: LoadOptions,
): Promise<LoadResult> {
  const steps = await Promise.all(Array.from({ length: concurrency }, (_, i) => factory(i)));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(steps.map(async (step) => {
    while (performance.now() < deadline) {
      const before = performance.now();
      const ok = await step().catch(() => false);
      if (ok) latencies.push(performance.now() - before);
      else errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}

/** The value at quantile `q` of an ascending list (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
