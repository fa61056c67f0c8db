/**
 * `GET /api/archive_autocomplete?field=slugline&language=en[&resources=archive]` (Superdesk's
 * `apps/archive/autocomplete.py`): the distinct values of a field among recently published items
 * of that language, with how many items carry each, sorted by value. Off unless
 * `ARCHIVE_AUTOCOMPLETE` (404); items whose `versioncreated` is within
 * `ARCHIVE_AUTOCOMPLETE_DAYS` and `_HOURS`; at most `ARCHIVE_AUTOCOMPLETE_LIMIT` values. Only
 * `slugline` may be asked (400) and only `archive` suggests (404 for another resource). Like
 * Superdesk's, it reads the archive index as a whole: published values are no secret.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import type { SearchIndex } from "../search/search_index.ts";

/** The `ARCHIVE_AUTOCOMPLETE*` settings. */
export interface AutocompleteSettings {
  enabled: boolean;
  days: number;
  hours: number;
  limit: number;
}

/** One suggestion. */
export interface Suggestion {
  value: string;
  count: number;
}

/** The fields that may be completed, and the exact field each is aggregated on. */
const FIELDS: Record<string, string> = { slugline: "slugline.keyword" };

/** The suggestions for `field` in `language` from `resources` (each must suggest). */
export async function autocompleteSuggestions(
  search: SearchIndex,
  settings: AutocompleteSettings,
  { field, language, resources }: { field: string; language: string; resources: string[] },
  now = Date.now(),
): Promise<Suggestion[]> {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    if (resource !== "archive") {
      throw new NotFoundError(
        `Autocomplete suggestion for resource type '${resource}' not registered`,
      );
    }
    for (const [value, count] of await archiveSuggestions(search, settings, field, language, now)) {
      counts.set(value, (counts.get(value) ?? 0) + count);
    }
  }
  return [...counts.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0)
    .map((value) => ({ value, count: counts.get(value)! }));
}

async function archiveSuggestions(
  search: SearchIndex,
  settings: AutocompleteSettings,
  field: string,
  language: string,
  now: number,
): Promise<Array<[string, number]>> {
  if (!settings.enabled) throw new NotFoundError("Archive autocomplete is not enabled");
  const exact = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
  if (!exact) throw new BadRequestError(`Field ${field} is not allowed`);
  // Whole seconds, as Superdesk's (the same bound for a second lets the engine cache it).
  const since = Math.floor((now - (settings.days * 24 + settings.hours) * 3_600_000) / 1000);
  const result = await search.search(["archive"], {
    size: 0,
    query: {
      bool: {
        filter: [
          { term: { state: "published" } },
          { term: { language } },
          { range: { versioncreated: { gte: new Date(since * 1000).toISOString() } } },
        ],
      },
    },
    aggs: {
      values: { terms: { field: exact, size: settings.limit, order: { _key: "asc" } } },
    },
  });
  const values = result.aggregations?.values as
    | { buckets: Array<{ key: string; doc_count: number }> }
    | undefined;
  return (values?.buckets ?? []).map((bucket) => [String(bucket.key), bucket.doc_count]);
}
