/**
 * The city an agency's story is datelined in (dpa's "Berlin (dpa) - " opening, EFE's event
 * location): parsers cannot read the store, so they put it in `dateline_city`, and ingest locates
 * it among the `cities` (Superdesk's `FeedParser.set_dateline` and EFE's `derive_dateline`, which
 * read the locators) before the item is stored.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { equalIgnoringCase } from "../storage/equal_ignoring_case.ts";
import { datelineText } from "../content/dateline.ts";

/** The transient field parsers fill with a {@link DatelineCity}. */
export const DATELINE_CITY = "dateline_city";

/** What a parser knows of the dateline. */
export interface DatelineCity {
  city: string;
  /** Only a city of this country (ISO code) will do. */
  countryCode?: string;
  /** The dateline's `source` (the agency). */
  source: string;
  /**
   * dpa's way (`set_dateline`): the first city of that name (by `city_code`), else a place of its own in UTC,
   * and the city as the text. Otherwise EFE's: only a city that is the one of its name, with
   * Superdesk's formatted text ("TEGUCIGALPA, Jan 2 EFE -"), else no dateline.
   */
  keepUnknown: boolean;
  /**
   * AP's way (`ap_derive_dateline`), with `keepUnknown`: only the one city of that name, else a
   * place of its own in UTC, and Superdesk's formatted text either way.
   */
  formatted?: boolean;
  /** The day the formatted text names (ANA's dateline date); else the item's creation. */
  date?: Date;
}

/** Replaces `item`'s `dateline_city` with the `dateline` it locates. */
export async function resolveDatelineCity(registry: ResourceRegistry, item: Doc): Promise<void> {
  const wanted = item[DATELINE_CITY] as DatelineCity | undefined;
  delete item[DATELINE_CITY];
  if (!wanted || typeof wanted.city !== "string" || !wanted.city) return;
  const byName = equalIgnoringCase("city", wanted.city);
  const { items } = await registry.service("cities").find({
    filter: wanted.countryCode ? { ...byName, country_code: wanted.countryCode } : byName,
    // The same first city of a shared name on every store (`city` alone leaves ties to the engine).
    sort: [["city_code", 1]],
    page: 1,
    maxResults: 2,
    skipCount: true,
  });
  if (wanted.keepUnknown) {
    const found = wanted.formatted ? (items.length === 1 ? items[0] : undefined) : items[0];
    const located = found
      ? place(found)
      : { city_code: wanted.city, city: wanted.city, tz: "UTC", dateline: "city" };
    const text = wanted.formatted ? formattedText(item, located, wanted) : wanted.city;
    item.dateline = { ...asDoc(item.dateline), located, source: wanted.source, text };
    return;
  }
  if (items.length !== 1) return;
  const located = place(items[0]!);
  item.dateline = {
    ...asDoc(item.dateline),
    located,
    source: wanted.source,
    text: formattedText(item, located, wanted),
  };
}

/**
 * Superdesk's "CITY, Mon D SOURCE -" on the wanted day, else the day `item` was created (today
 * when it has none).
 */
function formattedText(item: Doc, located: Doc, wanted: DatelineCity): string {
  const created = wanted.date ?? item.firstcreated ?? item.versioncreated;
  const when = created instanceof Date ? created : new Date(String(created ?? ""));
  const date = Number.isNaN(when.getTime()) ? new Date() : when;
  return datelineText(located, date, wanted.source);
}

/** A stored city without its storage fields. */
function place(city: Doc): Doc {
  return Object.fromEntries(Object.entries(city).filter(([key]) => !key.startsWith("_")));
}

function asDoc(value: unknown): Doc {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Doc : {};
}
