/**
 * An item's `sign_off` (Superdesk's `set_sign_off`): the sign-offs of the users who worked on it,
 * joined by "/", the latest last. Saving again as the last user changes nothing; a user already
 * in the list moves to its end.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** The item's next sign-off after `mine` worked on it, or undefined when it stays as it is. */
export function nextSignOff(current: unknown, mine: string): string | undefined {
  const held = typeof current === "string" ? current : "";
  if (held.endsWith(mine)) return undefined;
  const others = held.replaceAll(`${mine}/`, "");
  const joined = `${others}/${mine}`;
  return joined.startsWith("/") ? joined.slice(1) : joined;
}

/**
 * The sign-off of `actor`'s user (Superdesk's `get_sign_off`): theirs, else the initials of
 * their names, else the first three letters of their username in capitals. Undefined for the
 * system.
 */
export async function signOffOf(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<string | undefined> {
  if (actor.kind !== "user" || !actor.userId) return undefined;
  const user = await registry.service("users").findOne({ _id: actor.userId });
  if (!user) return undefined;
  if (typeof user.sign_off === "string") return user.sign_off;
  const first = String(user.first_name ?? ""), last = String(user.last_name ?? "");
  if (first && last) return `${first[0]}${last[0]}`;
  return String(user.username ?? "").slice(0, 3).toUpperCase();
}

/** Adds the acting user to the item's sign-off unless the write sets its own (in place). */
export async function signOff(
  { registry }: { registry: ResourceRegistry },
  updates: Doc,
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  if ("sign_off" in updates) return;
  const mine = await signOffOf(registry, actor);
  if (mine === undefined) return;
  const next = nextSignOff(original.sign_off, mine);
  if (next !== undefined) updates.sign_off = next;
}
