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

/** bcrypt reads at most this many bytes of a password; longer ones are refused, not cut. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * A fixed salt and digest compared against, at the cost of new hashes, when the user does not
 * exist, so an unknown username costs as much time as a wrong password and response times do not
 * reveal which usernames exist.
 */
const DUMMY_SALT_AND_DIGEST = "abcdefghijklmnopqrstuuhUPyrfiHGbm2s5XkLzqIoT.BG5CgvYO";

/** The bcrypt hash of `password` at cost `rounds` (config `BCRYPT_GENSALT_WORK_FACTOR`). */
export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt().then((library) => library.hash(password, rounds));
}

/**
 * True when `password` matches `hash`. A missing or malformed hash never matches, but still
 * costs one comparison at cost `rounds`, the cost of new hashes.
 */
export async function verifyPassword(
  password: string,
  hash: unknown,
  rounds: number,
): Promise<boolean> {
  const usable = typeof hash === "string" && /^\$2[aby]\$\d{2}\$/.test(hash);
  const dummy = `$2b$${String(rounds).padStart(2, "0")}$${DUMMY_SALT_AND_DIGEST}`;
  const matches = await (await bcrypt()).compare(password, usable ? hash : dummy);
  return usable && matches;
}

/** True when `password` fits in bcrypt's input (72 bytes of UTF-8). */
export function fitsBcrypt(password: string): boolean {
  return new TextEncoder().encode(password).length <= MAX_PASSWORD_BYTES;
}
