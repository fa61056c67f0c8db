/**
 * A user's preferences as every reader sees them: the preferences app's
 * (`PreferencesService.userPreferences`, the user document's overlaid by what the app stores)
 * when that app runs, else the user document's own.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

/** The part of the preferences app's service read here (named, not imported: no folder cycle). */
type PreferencesApp = ResourceService & {
  userPreferences(user: Doc): Promise<Record<string, unknown>>;
};

/** `user`'s preferences. */
export async function preferencesOfUser(registry: ResourceRegistry, user: Doc): Promise<Doc> {
  if (!registry.has("preferences")) return (user.user_preferences ?? {}) as Doc;
  return await registry.service<PreferencesApp>("preferences").userPreferences(user);
}

/** Whether `preferences` keep e-mail notifications on (Superdesk's `email:notification`, on by default). */
export function emailNotifications(preferences: Doc): boolean {
  const email = preferences["email:notification"] as Doc | undefined;
  return email?.enabled !== false;
}
