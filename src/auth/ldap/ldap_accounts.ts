/**
 * Local accounts of directory users (Superdesk's `ADAuthService.authenticate`): a successful
 * directory sign-in finds the user by username (ignoring case), refreshes its fields from the
 * directory entry, or prepares a new active account when there is none. The same path serves
 * sign-in (`POST /api/auth_db`, which stores the new account) and `POST /api/import_profile`.
 */
import { HttpError, ValidationError } from "../../errors.ts";
import type { LdapSettings } from "../../config/ldap_settings.ts";
import { SYSTEM_ACTOR } from "../../resources/actor.ts";
import type { ResourceService } from "../../resources/resource_service.ts";
import type { Doc } from "../../storage/document_store.ts";
import { equalIgnoringCase } from "../../storage/equal_ignoring_case.ts";
import type { DirectoryCredentials, LdapDirectory } from "./ldap_directory.ts";
import { fillTemplate } from "./ldap_escape.ts";

/** The local user of a directory sign-in; `isNew`: not stored yet. */
export interface DirectoryUser {
  user: Doc;
  isNew: boolean;
}

/** Matches directory users to local accounts. */
export class LdapAccounts {
  readonly #directory: LdapDirectory;
  readonly #settings: LdapSettings;
  readonly #users: () => ResourceService;

  constructor(
    directory: LdapDirectory,
    { settings, users }: { settings: LdapSettings; users: () => ResourceService },
  ) {
    this.#directory = directory;
    this.#settings = settings;
    this.#users = users;
  }

  /**
   * Authenticates against the directory and returns the local account of `profile` (default
   * `username`): an existing one updated with the directory's fields (unless `refresh` is false:
   * a profile import that will refuse an existing account must not change it), or a new one
   * unsaved.
   */
  async authenticate(
    credentials: DirectoryCredentials,
    { refresh = true }: { refresh?: boolean } = {},
  ): Promise<DirectoryUser> {
    const fields = await this.#directory.fetchProfile(credentials);
    if (Object.keys(fields).length === 0) {
      throw new HttpError(404, "No user has been found in AD", {
        issues: { profile_to_import: 1 },
      });
    }
    let username = (credentials.profile ?? credentials.username).trim();
    if (typeof fields.username === "string") username = fields.username.trim();
    delete fields.username;
    // Stored lowercased (`UsersService`): so, an unchanged entry compares equal below.
    if (typeof fields.email === "string") fields.email = fields.email.toLowerCase();
    this.#composeDisplayName(fields);
    const users = this.#users();
    const existing = await users.findOne(equalIgnoringCase("username", username));
    if (!existing) {
      return {
        isNew: true,
        user: {
          ...fields,
          username,
          user_type: fields.user_type ?? "user",
          is_active: true,
          is_enabled: true,
          needs_activation: false,
        },
      };
    }
    const changed = Object.entries(fields).some(([field, value]) => existing[field] !== value);
    if (!changed || !refresh) return { isNew: false, user: existing };
    // No etag: the directory's fields win over a concurrent write (another sign-in of the same
    // user, say), which a system write retries after instead of failing with a 412.
    const user = await users.update(String(existing._id), fields, { actor: SYSTEM_ACTOR });
    return { isNew: false, user };
  }

  /**
   * Signs in: authenticates, and stores the account of a first-time user (or, when another
   * sign-in of the same user stored it meanwhile, takes that one).
   */
  async signIn(credentials: { username: string; password: string }): Promise<Doc> {
    const { user, isNew } = await this.authenticate(credentials);
    if (!isNew) return user;
    const users = this.#users();
    try {
      const [created] = await users.create([user], SYSTEM_ACTOR);
      return created!;
    } catch (error) {
      const taken = error instanceof ValidationError && error.issues?.username !== undefined;
      const stored = taken
        ? await users.findOne(equalIgnoringCase("username", String(user.username)))
        : null;
      if (!stored) throw error;
      return stored;
    }
  }

  /** `LDAP_SET_DISPLAY_NAME`: `display_name` from the format when every named field is there. */
  #composeDisplayName(fields: Doc) {
    const compose = this.#settings.displayName;
    if (!compose || !("display_name" in fields)) return;
    if (!compose.fields.every((field) => field in fields)) return;
    const values = compose.fields.map((field) => String(fields[field]));
    fields.display_name = fillTemplate(compose.format, values, (value) => value);
  }
}
