/**
 * Comparing two sides measured request by request (`BENCH_PAIRED` of `bench:search-route-ab` and
 * `bench:search-served-ab`): quantiles of a side's figures, and the median of the per-request
 * differences with a bootstrap 95% interval, which resolves a few µs on a loaded machine where
 * rounds' medians move by tens. Not a test.
 */

/** The value at fraction `f` of `values` sorted. */
export function quantile(values: readonly number[], f: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))]!;
}

/** `a[i] − b[i]` over the requests: median and bootstrap 95% interval, as one line of text. */
export function pairedDifference(a: readonly number[], b: readonly number[]): string {
  const differences = a.map((value, i) => value - b[i]!);
  const medians: number[] = [];
  for (let r = 0; r < 400; r++) {
    const resampled = differences.map(() =>
      differences[Math.floor(Math.random() * differences.length)]!
    );
    medians.push(quantile(resampled, 0.5));
  }
  return `median of the differences ${quantile(differences, 0.5).toFixed(1)} µs (95% ${
    quantile(medians, 0.025).toFixed(1)
  } to ${quantile(medians, 0.975).toFixed(1)})`;
}
