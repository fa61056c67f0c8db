/**
 * Safe LDAP strings: the escapes of RFC 4515 (a value in a search filter) and RFC 4514 (a value
 * in a distinguished name), and the Python `str.format` placeholders (`{}`, `{0}`, `{1}`,
 * `{{`/`}}` for braces) Superdesk's `LDAP_USER_FILTER` is written with, filled with escaped
 * values only. Nothing a user types can change a filter's or a DN's structure.
 */
import { ConfigError } from "../../errors.ts";

/** `value` for a filter's assertion (RFC 4515 §3): `*`, `(`, `)`, `\` and NUL as `\XX`. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, hexEscape);
}

/**
 * `value` as one attribute value of a DN (RFC 4514 §2.4): `"`, `+`, `,`, `;`, `<`, `>`, `=` and
 * `\` backslash-escaped, NUL as `\00`, a leading `#` or space and a trailing space escaped.
 */
export function escapeDnValue(value: string): string {
  let escaped = value.replace(/[\\"+,;<>=]/g, (char) => `\\${char}`).replace(/\0/g, hexEscape);
  if (value.startsWith("#") || value.startsWith(" ")) escaped = `\\${escaped}`;
  if (value.length > 1 && value.endsWith(" ")) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

function hexEscape(char: string): string {
  return `\\${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

type Part = string | { index: number };

/** `template` as literal text and placeholder indexes; a ConfigError naming `setting` if bad. */
function parse(template: string, setting: string): Part[] {
  const parts: Part[] = [];
  let literal = "", next = 0, numbered = false, automatic = false;
  for (let at = 0; at < template.length; at++) {
    const char = template[at]!;
    if ((char === "{" || char === "}") && template[at + 1] === char) {
      literal += char;
      at++;
      continue;
    }
    if (char === "}") throw new ConfigError(setting, `a lone "}" in "${template}"`);
    if (char !== "{") {
      literal += char;
      continue;
    }
    const end = template.indexOf("}", at);
    const inside = end < 0 ? undefined : template.slice(at + 1, end);
    if (inside === undefined || !/^\d?$/.test(inside)) {
      throw new ConfigError(setting, `expected {}, {0} or {1} placeholders in "${template}"`);
    }
    if (inside === "") automatic = true;
    else numbered = true;
    if (automatic && numbered) {
      throw new ConfigError(setting, `mixes {} and numbered placeholders in "${template}"`);
    }
    parts.push(literal, { index: inside === "" ? next++ : Number(inside) });
    literal = "";
    at = end;
  }
  parts.push(literal);
  return parts;
}

/** How many placeholders `template` has; throws a ConfigError naming `setting` if malformed. */
export function placeholderCount(template: string, setting: string): number {
  return parse(template, setting).filter((part) => typeof part !== "string").length;
}

/**
 * `template` with its placeholders replaced by `values` passed through `escape` (a placeholder
 * past the values gets an empty string, never raw text).
 */
export function fillTemplate(
  template: string,
  values: readonly string[],
  escape: (value: string) => string,
): string {
  return parse(template, "template").map((part) =>
    typeof part === "string" ? part : escape(values[part.index] ?? "")
  ).join("");
}
