/** Redis stream ids (`<ms>-<seq>`): validation and ordering. */

const STREAM_ID = /^(\d+)-(\d+)$/;

/** True when `id` has the `<ms>-<seq>` form of a stream entry id. */
export function isStreamId(id: string): boolean {
  return STREAM_ID.test(id);
}

/** Negative, zero or positive as `a` sorts before, with or after `b`; both must be stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [, aMs, aSeq] = STREAM_ID.exec(a)!;
  const [, bMs, bSeq] = STREAM_ID.exec(b)!;
  const byMs = BigInt(aMs!) - BigInt(bMs!);
  const diff = byMs !== 0n ? byMs : BigInt(aSeq!) - BigInt(bSeq!);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
