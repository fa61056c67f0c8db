/**
 * Sign-offs (Superdesk's `set_sign_off`): a user's sign-off is their `sign_off`, else the
 * initials of their first and last name, else the first three letters of their username in
 * capitals; an item's `sign_off` lists, separated by `/`, who changed it, the latest last and
 * each user once.
 */
import type { Doc } from "../storage/document_store.ts";

/** `user`'s sign-off. */
export function userSignOff(user: Doc): string {
  if (typeof user.sign_off === "string") return user.sign_off;
  if (user.sign_off === null) return "";
  const { first_name: first, last_name: last } = user;
  if (typeof first === "string" && first && typeof last === "string" && last) {
    return `${first[0]}${last[0]}`;
  }
  return String(user.username ?? "").slice(0, 3).toUpperCase();
}

/** Sets `updates.sign_off` for an edit by `user` (unless the write sets it itself). */
export function addSignOff(updates: Doc, original: Doc | null, user: Doc): void {
  if ("sign_off" in updates) return;
  const signOff = userSignOff(user);
  let current = typeof original?.sign_off === "string" ? original.sign_off : "";
  if (current.endsWith(signOff)) return;
  current = current.replace(`${signOff}/`, "");
  const updated = `${current}/${signOff}`;
  updates.sign_off = updated.startsWith("/") ? updated.slice(1) : updated;
}
