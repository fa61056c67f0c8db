/**
 * The newsroom's locale settings (Superdesk's `DEFAULT_TIMEZONE`, `DEFAULT_LANGUAGE` and its
 * former `LANGUAGES` list): the zone the web client shows dates in, the language new content
 * gets, and the languages offered. Parsed once at start.
 */
import { ConfigError } from "../errors.ts";

/** A language the newsroom works in, as `LANGUAGES` lists it. */
export interface LanguageSetting {
  /** BCP 47 code, e.g. `en`, `de-CH`. */
  language: string;
  /** The label given in `LANGUAGES`; none, and `languageLabel` names it in English. */
  label?: string;
}

let englishNames: Intl.DisplayNames | undefined;

/**
 * The label `GET /api/languages` shows: the configured one, else the language's English name.
 * Named on first use: ICU's display names cost ~60 ms and ~5 MB when loaded, at start or not.
 */
export function languageLabel({ language, label }: LanguageSetting): string {
  if (label !== undefined) return label;
  englishNames ??= new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
  return englishNames.of(language) ?? language;
}

/** `DEFAULT_TIMEZONE`: an IANA zone name; unset, the host's zone, as Superdesk (tzlocal). */
export function parseTimezone(value: string | undefined): string {
  const zone = value ?? linkedHostZone();
  // ICU's name for each of these; asking ICU would cost its first DateTimeFormat (~15–40 ms).
  if (zone !== undefined && UTC_NAMES.has(zone)) return "UTC";
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    if (value === undefined) return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    throw new ConfigError("DEFAULT_TIMEZONE", `expected an IANA time zone, got "${zone}"`);
  }
}

/** The zone database's names of UTC, each of which ICU calls "UTC". */
const UTC_NAMES = new Set([
  "UTC",
  "Etc/UTC",
  "Etc/UCT",
  "UCT",
  "Etc/Universal",
  "Universal",
  "Etc/Zulu",
  "Zulu",
  "Etc/GMT",
  "GMT",
  "Etc/Greenwich",
  "Greenwich",
  "Etc/GMT0",
  "GMT0",
]);

/**
 * The zone `/etc/localtime` links to in the zone database when `TZ` is unset (as tzlocal reads
 * it); undefined otherwise, and ICU works the host's zone out (`timeZone: undefined`).
 */
function linkedHostZone(): string | undefined {
  try {
    if (Deno.env.get("TZ") !== undefined) return undefined;
    const target = Deno.readLinkSync("/etc/localtime");
    const at = target.lastIndexOf("zoneinfo/");
    return at < 0
      ? undefined
      : target.slice(at + "zoneinfo/".length).replace(/^(posix|right)\//, "");
  } catch {
    return undefined; // not a link, or no permission
  }
}

/** A one-character subtag: it opens an extension (`-u-`, `-t-`) or a private-use part (`-x-`). */
const SINGLETON_SUBTAG = /(?:^|-)[0-9a-z](?:-|$)/i;

/**
 * A BCP 47 language code (`en`, `pt-BR`), canonicalised; extensions and private-use parts
 * (`en-u-ca-gregory`, `en-x-foo`) are refused: they name no language, and naming them
 * (`languageLabel`) would fail on every `GET /api/languages` instead of at start.
 */
export function parseLanguageCode(value: string, variable: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical && !SINGLETON_SUBTAG.test(canonical)) return canonical;
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
 * is named in English when shown (`languageLabel`). Unset, the default language alone.
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
  const seen = new Set<string>();
  return Object.freeze(entries.map((entry) => {
    const separator = entry.indexOf(":");
    const code = parseLanguageCode(
      separator < 0 ? entry : entry.slice(0, separator).trim(),
      "LANGUAGES",
    );
    if (seen.has(code)) throw new ConfigError("LANGUAGES", `"${code}" is listed twice`);
    seen.add(code);
    if (separator < 0) return Object.freeze({ language: code });
    const label = entry.slice(separator + 1).trim();
    if (!label) throw new ConfigError("LANGUAGES", `"${entry}" has an empty label`);
    return Object.freeze({ language: code, label });
  }));
}
