/**
 * Superdesk's privilege model: a role grants `{name: 1}`, a user's own `{name: 1|0}` overlays it
 * (1 grants, 0 revokes), and administrators hold every privilege (`get_privileges` in
 * `superdesk/users/services.py`). Also the privilege names this module's resources use.
 */
import { ForbiddenError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";

/** Privilege to create, edit and delete other users (and see every session). */
export const USERS_PRIVILEGE = "users";

/** Privilege to create, edit and delete roles. */
export const ROLES_PRIVILEGE = "roles";

/** Privilege flags as stored on roles and users: name → 1 (granted) or 0 (revoked). */
export type PrivilegeFlags = Record<string, number | boolean>;

/** The privileges granted by `role` overlaid with the user's own flags. */
export function effectivePrivileges(
  rolePrivileges: unknown,
  userPrivileges: unknown,
): Set<string> {
  const granted = new Set<string>();
  for (const flags of [rolePrivileges, userPrivileges]) {
    if (!isFlags(flags)) continue;
    for (const [name, value] of Object.entries(flags)) {
      if (value === 1 || value === true) granted.add(name);
      else granted.delete(name);
    }
  }
  return granted;
}

function isFlags(value: unknown): value is PrivilegeFlags {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Throws a 403 naming `field` when a non-administrator would grant (set to 1) a privilege they
 * do not hold themself: holding `users` or `roles` must not be a path to every privilege.
 */
export function assertCanGrant(
  actor: Actor,
  { field, before, after }: { field: string; before: unknown; after: unknown },
): void {
  if (actor.isAdmin || !isFlags(after)) return;
  const previous = isFlags(before) ? before : {};
  for (const [name, value] of Object.entries(after)) {
    const granting = (value === 1 || value === true) &&
      !(previous[name] === 1 || previous[name] === true);
    if (granting && !actor.privileges.has(name)) {
      throw new ForbiddenError(`Cannot grant the privilege "${name}" you do not hold`, {
        issues: { [field]: { [name]: "cannot grant a privilege you do not hold" } },
      });
    }
  }
}

/** True when `after` drops or turns off (1 → 0) a privilege `before` granted. */
export function revokes(before: unknown, after: unknown): boolean {
  if (!isFlags(before)) return false;
  const next = isFlags(after) ? after : {};
  return Object.entries(before).some(([name, value]) =>
    (value === 1 || value === true) && !(next[name] === 1 || next[name] === true)
  );
}

/** True when `after` grants a privilege `before` did not (Superdesk: added, or 0 → 1). */
export function grants(before: unknown, after: unknown): boolean {
  return revokes(after, before);
}

/** The 403 the resource routes give for a missing privilege, for checks made in services. */
export function insufficientPrivileges(privilege: string): ForbiddenError {
  return new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
    issues: { privilege },
  });
}
