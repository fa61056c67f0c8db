/**
 * First start of the embedded default: with no users at all there is no way to log in, so an
 * administrator is created (SUPERDESK_ADMIN_PASSWORD, or a generated password printed once).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type AdminAccountOptions, createAdminAccount } from "./_admin_account.ts";

/** Creates `admin` when the users collection is empty; true when it did. */
export async function ensureFirstAdmin(
  registry: ResourceRegistry,
  options: AdminAccountOptions,
): Promise<boolean> {
  const { total } = await registry.service("users").find({ filter: {}, page: 1, maxResults: 1 });
  if (total !== 0) return false;
  return await createAdminAccount(registry, options);
}
