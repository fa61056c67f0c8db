/**
 * The query parameters of the content API's reads (Superdesk's `ItemsService.allowed_params`,
 * `SearchService.allowed_params` and `_set_filter_for_arguments`), as one list query: `where`,
 * `sort`, `page` and `max_results` as everywhere, `q` with `default_operator` (full text, the
 * items being searched in the search index), `filter` (search clauses, `capi_filter.ts`), `type`
 * (allowed, filters nothing, as in Superdesk), `start_date`/`end_date` (ISO dates, a range of
 * `versioncreated`, none in the future, start not after end), `service`, `subject`, `genre`
 * (codes), `urgency`, `priority` and `item_source` (a value or a JSON list of values; an empty or
 * false one is a 400), `include_fields`/`exclude_fields` (comma lists); the newsroom's
 * `search_capi` also takes `subscribers` (one subscriber's items). A parameter Superdesk does not
 * know, or one given twice, is a 400 (`UnexpectedParameterError`); so are those we do not
 * support (`related_to`, `related_source`, `version`, `aggregations`: README, Content API) and
 * a `q` and `filter` over the search's cost bounds (`query_cost.ts`). A subscriber's `where`,
 * `sort`, `q` and `filter` may not reach the store's own fields (`internal_fields.ts`, a 400), and
 * its `q` without fields searches the consumer's text fields.
 */
import { BadRequestError } from "../errors.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import type { ListQuery } from "../resources/list_query.ts";
import type { Filter } from "../storage/document_store.ts";
import { capiFilterClauses } from "./capi_filter.ts";
import { addQueryText, noCost } from "./query_cost.ts";
import {
  CONSUMER_TEXT_FIELDS,
  refuseInternalSort,
  refuseInternalText,
  refuseInternalWhere,
} from "./internal_fields.ts";

/** `type` is one of Superdesk's allowed parameters, though nothing filters by it. */
const PAGING = new Set(["where", "sort", "page", "max_results", "type"]);
const SEARCH = new Set(["q", "default_operator", "filter"]);
const FIELDS = new Set(["include_fields", "exclude_fields"]);
const DATES = new Set(["start_date", "end_date"]);
/** Argument → stored field (Superdesk's `argument_fields`). */
const TERMS: Record<string, string> = {
  service: "service.code",
  subject: "subject.code",
  genre: "genre.code",
  urgency: "urgency",
  priority: "priority",
  item_source: "source",
};
const UNSUPPORTED = new Set(["related_to", "related_source", "version", "aggregations"]);

/** What a consumer asked for. */
export interface ConsumerQuery {
  list: ListQuery;
  include?: string[];
  exclude?: string[];
}

/** Options of `consumerQuery`. */
export interface ConsumerQueryOptions {
  /** An item request: only the field lists are allowed. */
  single?: boolean;
  /** The newsroom's `search_capi`, which also takes `subscribers`. */
  newsroom?: boolean;
  today?: Date;
}

/** Parses a request of the consumer endpoint or of `search_capi`. */
export function consumerQuery(
  params: URLSearchParams,
  limits: PagingLimits,
  { single = false, newsroom = false, today = new Date() }: ConsumerQueryOptions = {},
): ConsumerQuery {
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) {
      throw new BadRequestError(`Multiple values received for parameter (${name})`);
    }
    if (UNSUPPORTED.has(name)) {
      throw new BadRequestError(`Parameter (${name}) is not supported by this content API`);
    }
    if (single && DATES.has(name)) {
      throw new BadRequestError(
        `Filtering by date range is not supported when retrieving a single object (the "${name}" parameter)`,
      );
    }
    const known = FIELDS.has(name) ||
      (!single && (PAGING.has(name) || SEARCH.has(name) || DATES.has(name) || name in TERMS)) ||
      (!single && newsroom && name === "subscribers");
    if (!known) throw new BadRequestError(`Unexpected parameter (${name})`);
  }
  const list = parseListQuery(params, limits);
  if (!newsroom) {
    refuseInternalWhere(list.filter);
    refuseInternalSort(list.sort);
    if (list.q) refuseInternalText("q", list.q);
  }
  // `q` and `filter` share one budget (`query_cost.ts`).
  const cost = noCost();
  if (list.q) addQueryText(cost, "q", list.q);
  const searchFilters = capiFilterClauses(params.get("filter"), cost, !newsroom);
  const filters: Filter[] = list.filter ? [list.filter] : [];
  for (const [name, field] of Object.entries(TERMS)) {
    const raw = params.get(name);
    if (raw === null) continue;
    filters.push({ [field]: { $in: termValues(name, raw) } });
  }
  const range = dateRange(params, today);
  if (range) filters.push({ versioncreated: range });
  const subscriber = params.get("subscribers");
  if (newsroom && subscriber) filters.push({ subscribers: subscriber });
  return {
    list: {
      ...list,
      filter: filters.length === 0 ? undefined : { $and: filters },
      searchFilters,
      ...(newsroom ? {} : { qFields: [...CONSUMER_TEXT_FIELDS] }),
    },
    include: fieldList(params.get("include_fields")),
    exclude: fieldList(params.get("exclude_fields")),
  };
}

/** A value or a JSON list of values; numbers stay numbers, as Superdesk's `json.loads`. */
function termValues(name: string, raw: string): unknown[] {
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself, as Superdesk keeps it.
  }
  const values = Array.isArray(value) ? value : [value];
  // Superdesk's `if not filter_value`: an empty or false value (0, false, "", []) is refused.
  const empty = !value || values.length === 0;
  if (empty || values.some((v) => v === null || typeof v === "object")) {
    throw new BadRequestError(`Bad parameter value for Parameter (${name})`);
  }
  return values;
}

/** `versioncreated` bounds from `start_date`/`end_date` (whole UTC days), or undefined. */
function dateRange(params: URLSearchParams, today: Date): Filter | undefined {
  const start = isoDay(params, "start_date");
  const end = isoDay(params, "end_date");
  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (const [label, day] of [["Start", start], ["End", end]] as const) {
    if (day !== undefined && day > todayMs) {
      throw new BadRequestError(`${label} date must not be set in the future`);
    }
  }
  if (start !== undefined && end !== undefined && start > end) {
    throw new BadRequestError("Start date must not be greater than end date");
  }
  const range: Filter = {};
  if (start !== undefined) range.$gte = new Date(start);
  if (end !== undefined) range.$lt = new Date(end + 86_400_000);
  return Object.keys(range).length > 0 ? range : undefined;
}

function isoDay(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const ms = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) {
    throw new BadRequestError(
      `${name} parameter must be a valid ISO 8601 date (YYYY-MM-DD) without the time part`,
    );
  }
  return ms;
}

function fieldList(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  return raw.split(",").map((field) => field.trim()).filter(Boolean);
}
