/**
 * The preferences app (Superdesk's `apps/preferences.py`, `apps/feature_preview.py`): the
 * per-session `preferences` resource built on the preference, privilege and workflow action
 * registries, the default preferences
 * of Superdesk's core that no other module owns, and the clean-up of a session's (on its end)
 * and a user's (on deletion) stored preferences.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { SESSION_PREFERENCES, USER_PREFERENCES } from "./default_preferences.ts";
import { preferencesResource } from "./preferences_resource.ts";
import { PreferencesService } from "./preferences_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const preferencesApp = defineApp({
  name: "preferences",
  register(app: AppContext) {
    const { services, registries } = app;
    app.privileges({
      name: "feature_preview",
      label: "Feature Preview",
      description: "Let user toggle Feature Preview on/off.",
    });
    for (const [name, value, labels] of USER_PREFERENCES) app.userPreference(name, value, labels);
    for (const [name, value] of SESSION_PREFERENCES) app.sessionPreference(name, value);
    const preferences = app.resource(
      preferencesResource,
      new PreferencesService(services, registries),
    );
    app.on("session:end", ({ userId, sessionId }) => preferences.forgetSession(userId, sessionId));
    app.hooks("users", {
      onDeleted: (user) => preferences.forgetUser(String(user._id)),
    });
  },
});
