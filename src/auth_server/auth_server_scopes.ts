/**
 * The scopes an authorization-server client may be allowed (Superdesk's
 * `superdesk/auth_server/scopes.py`): each lets a resource server (Superdesk's production API)
 * answer one kind of read. A token carries its client's scopes; the resource server checks them.
 */

/** Every allowed scope, in Superdesk's order. */
export const AUTH_SERVER_SCOPES = [
  "ARCHIVE_READ",
  "DESKS_READ",
  "PLANNING_READ",
  "CONTACTS_READ",
  "USERS_READ",
  "ASSIGNMENTS_READ",
  "EVENTS_READ",
] as const;

/** One allowed scope. */
export type AuthServerScope = typeof AUTH_SERVER_SCOPES[number];

/** True when `value` is an allowed scope. */
export function isAuthServerScope(value: unknown): value is AuthServerScope {
  return (AUTH_SERVER_SCOPES as readonly unknown[]).includes(value);
}

/** The values of `values` that are not allowed scopes. */
export function unknownScopes(values: readonly unknown[]): string[] {
  return values.filter((value) => !isAuthServerScope(value)).map(String);
}
