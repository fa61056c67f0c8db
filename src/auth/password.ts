/**
 * Password hashing with bcrypt, compatible with the `$2b$` (and `$2a$`) hashes Superdesk stores
 * (Python `bcrypt`, cost 12), so an existing `users` collection keeps working. Hashing is async:
 * bcryptjs yields to the event loop between rounds, so a login never blocks other requests.
 * bcryptjs is imported on the first hash or comparison (it costs a tenth of a second of start-up
 * in every process and thread, most of which never check a password).
 */
import type bcryptjs from "bcryptjs";

let loaded: Promise<typeof bcryptjs> | undefined;
const bcrypt = () => loaded ??= import("bcryptjs").then((module) => module.default);

/** bcrypt cost of new hashes (2^10 rounds, about 0.1 s here). */
export const BCRYPT_ROUNDS = 10;

/** bcrypt reads at most this many bytes of a password; longer ones are refused, not cut. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * A fixed hash compared against when the user does not exist, so an unknown username costs as
 * much time as a wrong password and response times do not reveal which usernames exist.
 */
const DUMMY_HASH = "$2b$10$abcdefghijklmnopqrstuuhUPyrfiHGbm2s5XkLzqIoT.BG5CgvYO";

/** The bcrypt hash of `password` (a new random salt each time). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt().then((library) => library.hash(password, BCRYPT_ROUNDS));
}

/**
 * True when `password` matches `hash`. A missing or malformed hash never matches, but still
 * costs one comparison.
 */
export async function verifyPassword(password: string, hash: unknown): Promise<boolean> {
  const usable = typeof hash === "string" && /^\$2[aby]\$\d{2}\$/.test(hash);
  const matches = await (await bcrypt()).compare(password, usable ? hash : DUMMY_HASH);
  return usable && matches;
}

/** True when `password` fits in bcrypt's input (72 bytes of UTF-8). */
export function fitsBcrypt(password: string): boolean {
  return new TextEncoder().encode(password).length <= MAX_PASSWORD_BYTES;
}
