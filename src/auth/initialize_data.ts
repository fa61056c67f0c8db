/**
 * `superdesk app:initialize_data` (the auth part): the default roles and an administrator.
 * Idempotent: roles are created only when no role of that name exists, the administrator only
 * when there is none, so a second run changes nothing.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type AdminAccountOptions, createAdminAccount } from "./_admin_account.ts";
import { DEFAULT_ROLES } from "./default_roles.ts";
import type { RolesService } from "./roles_service.ts";

/** What a run created. */
export interface InitializeResult {
  rolesCreated: string[];
  adminCreated: boolean;
}

/** Seeds the default roles and an administrator where missing. */
export async function initializeData(
  registry: ResourceRegistry,
  options: AdminAccountOptions,
): Promise<InitializeResult> {
  const roles = registry.service<RolesService>("roles");
  const rolesCreated: string[] = [];
  for (const role of DEFAULT_ROLES) {
    if (await roles.findOne({ name: role.name })) continue;
    const isDefault = (await roles.defaultRole()) === null;
    await roles.create(
      [{ ...role, privileges: { ...role.privileges }, is_default: isDefault }],
      SYSTEM_ACTOR,
    );
    rolesCreated.push(role.name);
    options.log.info("created role", { name: role.name, is_default: isDefault });
  }
  const admins = await registry.service("users").find({
    filter: { user_type: "administrator" },
    page: 1,
    maxResults: 1,
  });
  const adminCreated = admins.total === 0 && await createAdminAccount(registry, options);
  return { rolesCreated, adminCreated };
}
