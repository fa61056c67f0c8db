/**
 * New document ids: ObjectId-style (4-byte seconds + 8 random bytes, 24 hex; sortable by
 * creation time like MongoDB's) or Superdesk's NewsML guid for content items.
 */

/** A 24-hex id whose prefix is the creation time, so `_id` order ≈ insertion order. */
export function newObjectId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, "0");
  const random = crypto.getRandomValues(new Uint8Array(8));
  return seconds + Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Superdesk's guid form: `urn:newsml:<host>:<iso time>:<uuid>`. */
export function newGuid(host = "localhost", now = new Date()): string {
  return `urn:newsml:${host}:${now.toISOString()}:${crypto.randomUUID()}`;
}
