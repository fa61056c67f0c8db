/**
 * A user's active privileges as Superdesk computes them for the web client
 * (`get_privileges`): an administrator holds every registered privilege; anyone else what their
 * role grants overlaid with their own flags (1 grants, 0 revokes). Read fresh from the user and
 * role documents, so a change shows on the client's next preferences read.
 */
import type { PrivilegeList } from "../apps/privilege_registry.ts";
import { effectivePrivileges } from "../auth/privileges.ts";
import { roleOf } from "../auth/user_actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** `{name: 1}` for every privilege `user` holds. */
export async function activePrivileges(
  registry: ResourceRegistry,
  privileges: PrivilegeList,
  user: Doc,
): Promise<Record<string, 1>> {
  const names = user.user_type === "administrator"
    ? privileges.list().map(({ name }) => name)
    : [...effectivePrivileges(await rolePrivileges(registry, user), user.privileges)];
  return Object.fromEntries(names.sort().map((name) => [name, 1]));
}

async function rolePrivileges(registry: ResourceRegistry, user: Doc): Promise<unknown> {
  return (await roleOf(registry, user))?.privileges;
}
