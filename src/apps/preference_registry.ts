/**
 * Default preferences apps declare (Superdesk's `register_default_user_preference` and
 * `register_default_session_preference`). The `preferences` resource serves them: each user's
 * `user_preferences` start from `userDefaults()` (their own values win), and each new session's
 * `session_preferences` start from `sessionDefaults()`; a PATCH naming a preference nobody
 * registered is refused, as in Superdesk.
 *
 * A user preference's value is an object (Superdesk's dict, e.g. `{type: "bool", enabled: true,
 * default: true, privileges: ["feature_preview"]}`), optionally labelled and categorised for the
 * client's settings page; a session preference's value is any JSON value. Values are checked to
 * be JSON at registration and copied on every read. A name registered twice is an error.
 */
import { Claims } from "./_claims.ts";
import { assertJsonValue, isPlainObject } from "./_json_value.ts";

/** Label and category the client's settings page shows for a user preference. */
export interface PreferenceLabels {
  label?: string;
  category?: string;
}

/** What other code reads. */
export interface PreferenceDefaults {
  /**
   * Every user preference as Superdesk's `available_user_preferences()`:
   * `{name: {...value, label?, category?}}`, a fresh copy.
   */
  userDefaults(): Record<string, Record<string, unknown>>;
  /** Every session preference, `{name: value}`, a fresh copy. */
  sessionDefaults(): Record<string, unknown>;
  /** The app that registered user preference `name`, if any. */
  userPreferenceApp(name: string): string | undefined;
  /** The app that registered session preference `name`, if any. */
  sessionPreferenceApp(name: string): string | undefined;
}

/** The registry: filled by apps at start, read afterwards. */
export class PreferenceRegistry implements PreferenceDefaults {
  #userClaims = new Claims("user preference");
  #sessionClaims = new Claims("session preference");
  #user = new Map<string, Record<string, unknown>>();
  #session = new Map<string, unknown>();

  /** Registers user preference `name` with its default `value`. */
  addUserPreference(
    name: string,
    value: Record<string, unknown>,
    { app, label, category }: PreferenceLabels & { app: string },
  ): void {
    if (!isPlainObject(value)) {
      throw new Error(`user preference "${name}" must default to an object`);
    }
    assertJsonValue(value, `user preference "${name}"`);
    for (const [field, text] of Object.entries({ label, category })) {
      if (text !== undefined && typeof text !== "string") {
        throw new Error(`user preference "${name}": ${field} must be a string`);
      }
    }
    this.#userClaims.claim(name, app);
    const entry: Record<string, unknown> = structuredClone(value);
    if (label !== undefined) entry.label = label;
    if (category !== undefined) entry.category = category;
    this.#user.set(name, entry);
  }

  /** Registers session preference `name` with its default `value`. */
  addSessionPreference(name: string, value: unknown, { app }: { app: string }): void {
    assertJsonValue(value, `session preference "${name}"`);
    this.#sessionClaims.claim(name, app);
    this.#session.set(name, structuredClone(value));
  }

  userDefaults(): Record<string, Record<string, unknown>> {
    return structuredClone(Object.fromEntries(this.#user));
  }

  sessionDefaults(): Record<string, unknown> {
    return structuredClone(Object.fromEntries(this.#session));
  }

  userPreferenceApp(name: string): string | undefined {
    return this.#userClaims.owner(name);
  }

  sessionPreferenceApp(name: string): string | undefined {
    return this.#sessionClaims.owner(name);
  }
}
