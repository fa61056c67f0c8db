/**
 * Who is calling a service: a user with a session (HTTP, WebSocket) or the system (workers, CLI,
 * internal calls), which bypasses privilege checks as Superdesk's tasks do.
 */

export interface Actor {
  kind: "user" | "system";
  userId?: string;
  sessionId?: string;
  /** Effective privileges: the role's, overlaid by the user's own. */
  privileges: ReadonlySet<string>;
  isAdmin: boolean;
}

/** The actor for workers, CLI commands and internal calls. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: "system",
  privileges: new Set<string>(),
  isAdmin: true,
});

/** True when `actor` may use `privilege` (administrators and the system may use all). */
export function hasPrivilege(actor: Actor, privilege: string): boolean {
  return actor.isAdmin || actor.privileges.has(privilege);
}
