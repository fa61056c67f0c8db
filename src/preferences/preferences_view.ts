/**
 * How a session's preferences document is composed (Superdesk's `PreferencesService`
 * `on_fetched_item`): every registered user preference with the user's own values merged over
 * its default, labels and categories always the registered ones; preferences needing a
 * privilege the user lacks left out; the session's preferences over the registered session
 * defaults (`desk:last_worked` defaulting to the user's desk); `active_privileges` and the
 * `allowed_actions` they permit.
 */
import type { RegisteredWorkflowAction } from "../apps/workflow_action_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** Preferences by name: registered defaults are objects, a user's values may be anything. */
type Prefs = Record<string, unknown>;

/** What the view is made from. */
export interface PreferencesSources {
  /** Registered user preferences, with their labels (`PreferenceDefaults.userDefaults()`). */
  userDefaults: Prefs;
  /** Registered session preferences. */
  sessionDefaults: Record<string, unknown>;
  /** The user's stored values, by preference. */
  stored: Prefs;
  /** The session's stored values. */
  session: Record<string, unknown>;
  /** The user's desk (default of `desk:last_worked`). */
  userDesk?: string;
  /** `{name: 1}` of every privilege the user holds. */
  activePrivileges: Record<string, 1>;
  workflowActions: readonly RegisteredWorkflowAction[];
}

/** The composed parts of a preferences document. */
export function preferencesView(sources: PreferencesSources): Doc {
  const { activePrivileges } = sources;
  const session = { ...sources.sessionDefaults };
  if (session["desk:last_worked"] === "" && sources.userDesk) {
    session["desk:last_worked"] = sources.userDesk;
  }
  return {
    user_preferences: userPreferences(sources.userDefaults, sources.stored, activePrivileges),
    session_preferences: { ...session, ...sources.session },
    active_privileges: activePrivileges,
    allowed_actions: sources.workflowActions.filter((action) =>
      action.privileges.length > 0 && action.privileges.every((p) => activePrivileges[p] === 1)
    ),
  };
}

/** The user's preferences: defaults, their values over them, registered labels, privileges. */
export function userPreferences(
  defaults: Prefs,
  stored: Prefs,
  activePrivileges: Record<string, 1>,
): Prefs {
  const out: Prefs = {};
  for (const [name, value] of Object.entries({ ...defaults, ...stored })) {
    const registered = isObject(defaults[name]) ? defaults[name] : undefined;
    if (!isObject(value)) {
      // A value that is no object (the client's `dashboard:ingest` list) is kept as it is.
      if (holds(activePrivileges, registered?.privileges)) out[name] = value;
      continue;
    }
    const merged: Record<string, unknown> = { ...registered, ...value };
    for (const field of ["label", "category"]) {
      if (registered && field in registered) merged[field] = registered[field];
      else delete merged[field];
    }
    if (holds(activePrivileges, merged.privileges)) out[name] = merged;
  }
  return out;
}

/** `target` with `patch` merged in at every level of nested objects (Eve's nested merge). */
export function mergeNested(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? mergeNested(current, value) : value;
  }
  return out;
}

/** Whether `activePrivileges` holds every one of `needs` (a list of names; none when not a list). */
function holds(activePrivileges: Record<string, 1>, needs: unknown): boolean {
  if (!Array.isArray(needs)) return true;
  return needs.every((privilege) => activePrivileges[String(privilege)] === 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
