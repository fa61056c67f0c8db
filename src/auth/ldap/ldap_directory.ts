/**
 * The directory side of LDAP sign-in (Superdesk's `ADAuth.authenticate_and_fetch_profile`): binds
 * with the user's own credentials (simple bind), searches `LDAP_BASE_FILTER`'s subtree with
 * `LDAP_USER_FILTER` and maps the first entry's attributes to user fields. Every user-typed value
 * is escaped (RFC 4514 in the bind DN, RFC 4515 in the filter); the password is sent only in the
 * bind and never logged. A wrong password or a missing entry is a 401, an unreachable or busy
 * directory a 503. The client library loads on the first sign-in (about 0.1 s of start-up that
 * servers without LDAP do not pay).
 */
import { ServiceUnavailableError, UnauthorizedError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import type { LdapSettings } from "../../config/ldap_settings.ts";
import type { Doc } from "../../storage/document_store.ts";
import { escapeDnValue, escapeFilterValue, fillTemplate } from "./ldap_escape.ts";

/** Who binds, and whose entry is read (the same user unless importing another's profile). */
export interface DirectoryCredentials {
  username: string;
  password: string;
  /** Username of the entry to read; default `username`. */
  profile?: string;
}

/** LDAP result codes that mean the directory cannot answer now, rather than "no". */
const UNAVAILABLE_CODES = new Set([51, 52, 80]); // busy, unavailable, other

/** Reads users' profiles from the directory named by the settings. */
export class LdapDirectory {
  readonly #settings: LdapSettings;
  readonly #log: Logger;

  constructor(settings: LdapSettings, log: Logger) {
    this.#settings = settings;
    this.#log = log;
  }

  /**
   * The name the user binds with: the `LDAP_BIND_DN` template, `user@LDAP_FQDN`, or as typed.
   * With `LDAP_FQDN`, a username naming another domain is refused (401): its bind could succeed
   * in a trusted domain while `{1}` reads this domain's entry of the same short name, signing
   * in as someone else; without it, any domain is refused when the filter uses `{1}`.
   */
  bindName(username: string): string {
    const { bindDn, fqdn } = this.#settings;
    if (bindDn !== undefined) return fillTemplate(bindDn, [username], escapeDnValue);
    // Without a domain of its own, a name with one binds as typed while `{1}` reads the entry of
    // its short name here: refused when the filter reads by short name.
    if (!fqdn) {
      if (username.includes("@") && this.#settings.userFilter.includes("{1}")) throw refused();
      return username;
    }
    const at = username.lastIndexOf("@");
    if (at < 0) return `${username}@${fqdn}`;
    if (username.slice(at + 1).toLowerCase() !== fqdn.toLowerCase()) throw refused();
    return username;
  }

  /**
   * The account a sign-in as `username` counts against (the login guard's key): lowercased, and
   * without `@LDAP_FQDN`, which binds as the same principal (`jane` and `jane@corp` share one
   * count instead of doubling a guesser's tries).
   */
  accountKey(username: string): string {
    const { bindDn, fqdn } = this.#settings;
    const key = username.toLowerCase();
    const suffix = `@${fqdn?.toLowerCase()}`;
    return bindDn === undefined && fqdn && key.endsWith(suffix)
      ? key.slice(0, -suffix.length)
      : key;
  }

  /** The search filter for a sign-in as `bindName` reading the entry of `profile`. */
  userFilter(bindName: string, profile: string): string {
    const short = profile.trim().split("@")[0] ?? "";
    return fillTemplate(this.#settings.userFilter, [bindName, short], escapeFilterValue);
  }

  /**
   * Binds as `username` and returns the fields of `profile`'s entry mapped through
   * `LDAP_USER_ATTRIBUTES` (attributes the entry lacks are left out).
   */
  async fetchProfile({ username, password, profile = username }: DirectoryCredentials) {
    // An empty password is an "unauthenticated bind" (RFC 4513 §5.1.2) that many servers accept.
    // Blanks around a name: directories compare names without them (RFC 4518), so `jane ` would
    // bind as jane while counting apart from her in the login guard.
    if (password === "" || username !== username.trim()) throw refused();
    const bindName = this.bindName(username);
    const filter = this.userFilter(bindName, profile);
    const { url, timeoutMs, base, attributes } = this.#settings;
    const { Client, ResultCodeError } = await import("ldapts");
    const client = new Client({
      url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      strictDN: false,
    });
    try {
      await client.bind(bindName, password);
      this.#log.debug("ldap: searching the user's entry", { base, filter });
      const { searchEntries } = await client.search(base, {
        scope: "sub",
        filter,
        attributes: Object.keys(attributes),
      });
      const entry = searchEntries[0];
      if (!entry) {
        throw new UnauthorizedError(
          "User does not belong to security Group or could not find the user profile.",
          { issues: { credentials: 1 } },
        );
      }
      return mapAttributes(entry, attributes);
    } catch (error) {
      const code = error instanceof ResultCodeError ? error.code : undefined;
      throw this.#asHttpError(error, { bindName, code });
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  /** `error` as the HTTP answer; `code` is the LDAP result code of a directory's refusal. */
  #asHttpError(error: unknown, { bindName, code }: { bindName: string; code?: number }) {
    if (error instanceof UnauthorizedError) return error;
    if (code !== undefined && !UNAVAILABLE_CODES.has(code)) {
      this.#log.info("ldap: sign-in refused by the directory", { user: bindName, code });
      return refused();
    }
    this.#log.warn("ldap: directory unreachable", {
      url: this.#settings.url,
      error: error instanceof Error ? error.message : String(error),
    });
    return new ServiceUnavailableError("The LDAP directory is unavailable; try again later");
  }
}

function refused(): UnauthorizedError {
  return new UnauthorizedError("Authentication failed", { issues: { credentials: 1 } });
}

/** The entry's attributes (names compared case-insensitively) as user fields, first values. */
function mapAttributes(
  entry: Record<string, unknown>,
  attributes: Readonly<Record<string, string>>,
) {
  const byLowerName = new Map(
    Object.entries(entry).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const profile: Doc = {};
  for (const [attribute, field] of Object.entries(attributes)) {
    const raw = byLowerName.get(attribute.toLowerCase());
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    profile[field] = value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value);
  }
  return profile;
}
