/**
 * New document ids: ObjectId-style (MongoDB's layout: 4-byte seconds, 5 random bytes fixed per
 * process, 3-byte counter; 24 hex), so `_id` order follows creation order within a process and
 * roughly across processes; or Superdesk's NewsML guid for content items.
 */
import { flatText } from "../text/flat_text.ts";

const PROCESS_BYTES = Array.from(crypto.getRandomValues(new Uint8Array(5)), hex).join("");
let counter = crypto.getRandomValues(new Uint32Array(1))[0]! & 0xffffff;

/** A 24-hex id whose prefix is the creation time in seconds. */
export function newObjectId(now = Date.now()): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, "0");
  return flatText(seconds, PROCESS_BYTES, counter.toString(16).padStart(6, "0"));
}

/** The lowest ObjectId of the second `ms` falls in (Superdesk's `ObjectId.from_datetime`). */
export function objectIdAt(ms: number): string {
  return Math.floor(ms / 1000).toString(16).padStart(8, "0") + "0".repeat(16);
}

/** Superdesk's guid form: `urn:newsml:<host>:<iso time>:<uuid>`. */
export function newGuid(host = "localhost", now = new Date()): string {
  return `urn:newsml:${host}:${now.toISOString()}:${crypto.randomUUID()}`;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}
