/**
 * The web client's server-kept settings, config `client-settings` (Superdesk's
 * `apps/prepopulate/data_init/config.json`): the route the client opens first, feature flags,
 * whether Google sign-in is offered, and the ingest dashboard's defaults. `app:initialize_data`
 * stores them where none are set yet; an administrator changes them with `POST /api/config`.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServerConfigService } from "./server_config.ts";

/** The config key the web client reads its settings from. */
export const CLIENT_SETTINGS_KEY = "client-settings";

/** Superdesk's defaults for the web client's settings. */
export const CLIENT_SETTINGS_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  defaultRoute: "/workspace",
  features: {
    swimlane: { defaultNumberOfColumns: 4 },
    editor3: true,
    qumu: true,
    savedSearch: { subscriptions: true },
    validatePointOfInterestForImages: true,
    hideRoutedDesks: false,
    showCharacterLimit: 40,
  },
  auth: { google: false },
  ingest: {
    PROVIDER_DASHBOARD_DEFAULTS: {
      show_log_messages: true,
      show_ingest_count: true,
      show_time: true,
      log_messages: "error",
      show_status: true,
    },
    DEFAULT_SCHEDULE: { minutes: 5, seconds: 0 },
    DEFAULT_IDLE_TIME: { hours: 0, minutes: 0 },
  },
});

/** Stores the default client settings unless some are set; whether it stored them. */
export async function initializeClientSettings(registry: ResourceRegistry): Promise<boolean> {
  const config = registry.service<ServerConfigService>("config");
  const current = await config.getById(CLIENT_SETTINGS_KEY);
  if (current.val !== null && current.val !== undefined) return false;
  await config.set(CLIENT_SETTINGS_KEY, structuredClone(CLIENT_SETTINGS_DEFAULTS));
  return true;
}
