/**
 * The registries apps fill at start, bundled: privileges, preference defaults, client_config
 * additions, macros, workflow actions, search provider types, and the list of apps in
 * registration order. One per process, built by
 * `register_apps.ts`; readers get the read-only `AppRegistries` view.
 */
import type { AppRegistries } from "./app.ts";
import { ClientConfigRegistry } from "./client_config_registry.ts";
import { MacroRegistry } from "./macro_registry.ts";
import { PreferenceRegistry } from "./preference_registry.ts";
import { PrivilegeRegistry } from "./privilege_registry.ts";
import { SearchProviderRegistry } from "./search_provider_registry.ts";
import { WorkflowActionRegistry } from "./workflow_action_registry.ts";
import { ItemFieldRegistry } from "./item_field_registry.ts";

/** The writable registries behind `AppRegistries`. */
export class AppRegistryBundle implements AppRegistries {
  readonly apps: { name: string; source?: string }[] = [];
  readonly privileges = new PrivilegeRegistry();
  readonly preferences = new PreferenceRegistry();
  readonly clientConfig = new ClientConfigRegistry();
  readonly macros = new MacroRegistry();
  readonly workflowActions = new WorkflowActionRegistry();
  readonly searchProviders = new SearchProviderRegistry();
  readonly itemFields = new ItemFieldRegistry();
}
