/**
 * The time zones the web client offers (Superdesk's `GET /locales/timezones`, Babel's names):
 * each zone of the IANA database's `zone.tab` plus `UTC`, sorted, with its generic name in the
 * user's language ("Mountain Time") and its location ("Canada (Edmonton) Time": the country,
 * and the city where the country has several zones). Names come from the runtime's ICU; the
 * location's "<place> Time" wording is CLDR's English region format in every language. A
 * language's list is made once per process, a batch of zones at a time (each name needs an ICU
 * formatter, about a millisecond), yielding between batches so no request waits long behind it.
 */
import { COUNTRY_ZONES } from "./country_zones.ts";

/** One zone as the client lists it. */
export interface TimeZoneEntry {
  id: string;
  name: string;
  location: string;
}

/** Zones named between two yields to the event loop. */
const BATCH = 25;

/** When names are taken: metazones change over history (1970's Edmonton had no generic name). */
const NAMED_AT = new Date(Date.UTC(2025, 0, 15));

const byLanguage = new Map<string, Promise<readonly TimeZoneEntry[]>>();

/** Every zone, named in `language` (a BCP 47 tag or Superdesk's `en_AU`; English if unknown). */
export function timezones(language: string): Promise<readonly TimeZoneEntry[]> {
  const locale = supportedLocale(language.replaceAll("_", "-"));
  let list = byLanguage.get(locale);
  if (!list) {
    list = namedZones(locale);
    byLanguage.set(locale, list);
  }
  return list;
}

async function namedZones(locale: string): Promise<readonly TimeZoneEntry[]> {
  const regions = new Intl.DisplayNames(locale, { type: "region" });
  const entries: TimeZoneEntry[] = [{
    id: "UTC",
    name: genericName("UTC", locale),
    location: "UTC",
  }];
  for (const [country, list] of Object.entries(COUNTRY_ZONES)) {
    const zones = list.split(" ");
    const place = regions.of(country) ?? country;
    for (const id of zones) {
      const city = (id.split("/").at(-1) ?? id).replaceAll("_", " ");
      if (entries.length % BATCH === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      entries.push({
        id,
        name: genericName(id, locale),
        location: zones.length === 1 ? `${place} Time` : `${place} (${city}) Time`,
      });
    }
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Object.freeze(entries);
}

/**
 * The locale of the runtime's data that names zones for `tag` (English if it has none), without
 * extensions or private use: the language is user data, and "en-x-1", "en-x-2" ... must not each
 * cost a list's work and memory.
 */
function supportedLocale(tag: string): string {
  try {
    const supported = Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? "en";
    return new Intl.Locale(new Intl.DateTimeFormat(supported).resolvedOptions().locale).baseName;
  } catch {
    return "en";
  }
}

/** ICU's generic (non-location) name of `zone`: "Mountain Time". */
function genericName(zone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" })
    .formatToParts(NAMED_AT);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? zone;
}
