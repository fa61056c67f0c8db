/**
 * Superdesk's LDAP / Active Directory settings (`LDAP_SERVER` and its companions in
 * `superdesk/default_settings.py`), parsed once at start. Directory sign-in is on only when
 * `LDAP_SERVER` is set; a malformed value fails at start naming the variable.
 */
import { ConfigError } from "../errors.ts";
import { placeholderCount } from "../auth/ldap/ldap_escape.ts";

/** How sign-in reaches the directory and what it copies from a user's entry. */
export interface LdapSettings {
  /** `ldap:` or `ldaps:` URL of the server, port included (`LDAP_SERVER`, `LDAP_SERVER_PORT`). */
  url: string;
  /** AD domain appended to a bare username to bind as `user@domain` (`LDAP_FQDN`). */
  fqdn?: string;
  /**
   * A DN template the username is put into (RFC 4514 escaped) to bind with, for directories
   * that only take DNs (`LDAP_BIND_DN`, ours); wins over `fqdn`.
   */
  bindDn?: string;
  /** The subtree searched for the user's entry (`LDAP_BASE_FILTER`). */
  base: string;
  /** Search filter; `{}`/`{0}` the bind name, `{1}` the profile's username (`LDAP_USER_FILTER`). */
  userFilter: string;
  /** Directory attribute → Superdesk user field (`LDAP_USER_ATTRIBUTES`). */
  attributes: Readonly<Record<string, string>>;
  /** `LDAP_SET_DISPLAY_NAME`, `_FIELDS`, `_FORMAT`: compose `display_name` from user fields. */
  displayName?: { fields: readonly string[]; format: string };
  /** Connect and operation timeout (`LDAP_TIMEOUT_SECONDS`, ours). */
  timeoutMs: number;
}

const DEFAULT_FILTER = "(&(objectCategory=user)(objectClass=user)(sAMAccountName={}))";
const DEFAULT_ATTRIBUTES =
  '{"givenName": "first_name", "sn": "last_name", "displayName": "display_name", "mail": "email", "ipPhone": "phone"}';

/** The LDAP settings of `env`, or undefined when `LDAP_SERVER` is unset (database sign-in). */
export function ldapSettings(env: Record<string, string | undefined>): LdapSettings | undefined {
  const raw = (name: string) => env[name]?.trim() || undefined;
  const server = raw("LDAP_SERVER");
  if (server === undefined) return undefined;
  const match = /^(?:(ldaps?):\/\/)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])\/?$/.exec(server);
  if (!match) {
    throw new ConfigError(
      "LDAP_SERVER",
      `expected a host name or ldap://host (ldaps://host for TLS), got "${server}"`,
    );
  }
  const scheme = match[1] ?? "ldap";
  const port = integer(raw("LDAP_SERVER_PORT") ?? (scheme === "ldaps" ? "636" : "389"), {
    name: "LDAP_SERVER_PORT",
    min: 1,
    max: 65535,
  });
  const userFilter = raw("LDAP_USER_FILTER") ?? DEFAULT_FILTER;
  if (!/^\(.*\)$/s.test(userFilter) || placeholderCount(userFilter, "LDAP_USER_FILTER") === 0) {
    throw new ConfigError(
      "LDAP_USER_FILTER",
      `expected a parenthesised LDAP filter with a {} placeholder, got "${userFilter}"`,
    );
  }
  const bindDn = raw("LDAP_BIND_DN");
  if (bindDn !== undefined && placeholderCount(bindDn, "LDAP_BIND_DN") !== 1) {
    throw new ConfigError("LDAP_BIND_DN", `expected a DN with one {} placeholder, got "${bindDn}"`);
  }
  const displayFields = stringList(
    raw("LDAP_SET_DISPLAY_NAME_FIELDS") ?? '["first_name", "last_name"]',
    "LDAP_SET_DISPLAY_NAME_FIELDS",
  );
  const displayFormat = env.LDAP_SET_DISPLAY_NAME_FORMAT ?? "{} {}";
  placeholderCount(displayFormat, "LDAP_SET_DISPLAY_NAME_FORMAT");
  return Object.freeze({
    url: `${scheme}://${match[2]}:${port}`,
    fqdn: raw("LDAP_FQDN"),
    bindDn,
    base: raw("LDAP_BASE_FILTER") ?? "",
    userFilter,
    attributes: attributeMap(raw("LDAP_USER_ATTRIBUTES") ?? DEFAULT_ATTRIBUTES),
    displayName: flag(raw("LDAP_SET_DISPLAY_NAME"))
      ? Object.freeze({ fields: displayFields, format: displayFormat })
      : undefined,
    timeoutMs: integer(raw("LDAP_TIMEOUT_SECONDS") ?? "10", {
      name: "LDAP_TIMEOUT_SECONDS",
      min: 1,
      max: 300,
    }) * 1000,
  });
}

function integer(value: string, { name, min, max }: { name: string; min: number; max: number }) {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

function flag(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (["1", "true", "yes", "on"].includes(lower)) return true;
  if (["0", "false", "no", "off"].includes(lower)) return false;
  throw new ConfigError("LDAP_SET_DISPLAY_NAME", `expected true or false, got "${value}"`);
}

function parseJson(text: string, name: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(name, `expected ${expected}, got "${text}"`);
  }
}

/**
 * User fields no directory attribute may set: the password, and the account's status and
 * permissions, which stay with Superdesk's administrators (`user_type` stays mappable, as in
 * Superdesk).
 */
const UNMAPPABLE_FIELDS = [
  "password",
  "role",
  "privileges",
  "is_active",
  "is_enabled",
  "needs_activation",
];

/** `LDAP_USER_ATTRIBUTES`: a JSON object of attribute names to user field names. */
function attributeMap(text: string): Readonly<Record<string, string>> {
  const expected = 'a JSON object like {"mail": "email"}';
  const value = parseJson(text, "LDAP_USER_ATTRIBUTES", expected);
  const valid = typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.entries(value).every(([key, field]) =>
      /^[A-Za-z][A-Za-z0-9-]*$/.test(key) && typeof field === "string" && field !== "" &&
      !field.startsWith("_")
    );
  if (!valid) throw new ConfigError("LDAP_USER_ATTRIBUTES", `expected ${expected}`);
  const refused = Object.values(value).filter((field) => UNMAPPABLE_FIELDS.includes(field));
  if (refused.length > 0) {
    throw new ConfigError(
      "LDAP_USER_ATTRIBUTES",
      `the directory may not set ${refused.join(", ")} (${UNMAPPABLE_FIELDS.join(", ")} are ` +
        "Superdesk's own)",
    );
  }
  return Object.freeze({ ...(value as Record<string, string>) });
}

function stringList(text: string, name: string): readonly string[] {
  const value = parseJson(text, name, 'a JSON list of strings like ["first_name"]');
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) {
    throw new ConfigError(name, 'expected a JSON list of strings like ["first_name"]');
  }
  return Object.freeze(value as string[]);
}
