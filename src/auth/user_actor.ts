/**
 * The actor a user acts as: their effective privileges (role overlaid by their own flags) and
 * whether they are an administrator. Sessions build it per request; services that act for a
 * user who is not the caller (saving a lock holder's autosave when their lock ends) read it.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { effectivePrivileges } from "./privileges.ts";

/** `user` (with `role`, their role document or null) acting in session `sessionId`. */
export function actorOfUser(user: Doc, role: Doc | null, sessionId: string): Actor {
  return {
    kind: "user",
    userId: String(user._id),
    sessionId,
    privileges: effectivePrivileges(role?.privileges, user.privileges),
    isAdmin: user.user_type === "administrator",
  };
}

/** User `userId` acting in session `sessionId`, read fresh; null when the user is gone. */
export async function loadUserActor(
  registry: ResourceRegistry,
  userId: string,
  sessionId: string,
): Promise<Actor | null> {
  const user = await registry.service("users").findOne({ _id: userId });
  if (!user) return null;
  return actorOfUser(user, await roleOf(registry, user), sessionId);
}

/** The role document `user` names; null without one or when it is gone. */
export async function roleOf(registry: ResourceRegistry, user: Doc): Promise<Doc | null> {
  return typeof user.role === "string"
    ? await registry.service("roles").findOne({ _id: user.role })
    : null;
}
