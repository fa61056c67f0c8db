/**
 * A short, stable digest of a payload's bytes, for parsers whose format carries no unique id
 * (ANPA 1312, IPTC 7901): the same file delivered twice gives the same guid, so it is one item.
 */

/** 32-bit FNV-1a of the bytes, hex. */
export function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}
