/**
 * Cold caches before a measured call (`BENCH_SWEEP_MB` of `bench:search-route-ab` and
 * `bench:search-stages`): a byte written in every 64-byte line of a buffer of so many MB evicts
 * what the call would find cached, as a served request finds it after the machine's other
 * processes ran while it waited. Not a test.
 */

/** A function that writes a byte in every cache line of an `mb` MB buffer (nothing for 0). */
export function cacheSweep(mb: number): () => void {
  const buffer = new Uint8Array(mb * 1024 * 1024);
  return () => {
    for (let at = 0; at < buffer.length; at += 64) buffer[at]!++;
  };
}
