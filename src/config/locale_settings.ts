/**
 * The newsroom's locale settings (Superdesk's `DEFAULT_TIMEZONE`, `DEFAULT_LANGUAGE` and its
 * former `LANGUAGES` list): the zone the web client shows dates in, the language new content
 * gets, and the languages offered. Parsed once at start.
 */
import { ConfigError } from "../errors.ts";

/** A language the newsroom works in, as `GET /api/languages` lists it. */
export interface LanguageSetting {
  /** BCP 47 code, e.g. `en`, `de-CH`. */
  language: string;
  label: string;
}

/** `DEFAULT_TIMEZONE`: an IANA zone name; unset, the host's zone, as Superdesk (tzlocal). */
export function parseTimezone(value: string | undefined): string {
  const zone = value ?? hostTimezone();
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError("DEFAULT_TIMEZONE", `expected an IANA time zone, got "${zone}"`);
  }
}

function hostTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A BCP 47 language code (`en`, `pt-BR`), canonicalised. */
export function parseLanguageCode(value: string, variable: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  throw new ConfigError(
    variable,
    `expected a language code such as "en" or "pt-BR", got "${value}"`,
  );
}

/**
 * `LANGUAGES`: a comma list of `code` or `code:Label` (`en,de:Deutsch`); a code without a label
 * is named in English. Unset, the default language alone.
 */
export function parseLanguages(
  value: string | undefined,
  defaultLanguage: string,
): readonly LanguageSetting[] {
  const entries = (value ?? defaultLanguage).split(",").map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new ConfigError("LANGUAGES", `expected a comma list of language codes, got "${value}"`);
  }
  const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
  const seen = new Set<string>();
  return Object.freeze(entries.map((entry) => {
    const separator = entry.indexOf(":");
    const code = parseLanguageCode(
      separator < 0 ? entry : entry.slice(0, separator).trim(),
      "LANGUAGES",
    );
    if (seen.has(code)) throw new ConfigError("LANGUAGES", `"${code}" is listed twice`);
    seen.add(code);
    const label = separator < 0 ? names.of(code) ?? code : entry.slice(separator + 1).trim();
    if (!label) throw new ConfigError("LANGUAGES", `"${entry}" has an empty label`);
    return Object.freeze({ language: code, label });
  }));
}
