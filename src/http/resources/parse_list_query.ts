/**
 * Parses Eve's collection query parameters into a neutral `ListQuery`: `where` (Mongo JSON,
 * operators allow-listed, or Eve's Python syntax, `python_where.ts`), `sort` (`a,-b`,
 * `[("a", -1)]` or JSON), `page`, `max_results`, `projection`, `q` (with `df` and
 * `default_operator`), `show_deleted`. Bad `where`/`sort`/`projection` → 400 naming the parameter;
 * `page` and `max_results` fall back to defaults as Eve does. The `sort` pattern is exported for
 * the OpenAPI document, which must say exactly what is refused.
 */
import { BadRequestError } from "../../errors.ts";
import { decodeCursor } from "../../resources/cursor.ts";
import type { ListQuery } from "../../resources/list_query.ts";
import { hasWireInstantForm, isWireInstant } from "../../resources/schema/fields.ts";
import type { Filter, Projection, Sort } from "../../storage/document_store.ts";
import { filterSize, validateFilter } from "../../storage/where_filter.ts";
import { dropClientRegexDash } from "./client_regex_options.ts";
import { parsePythonWhere } from "./python_where.ts";

/** How a `where` in Eve's Python syntax begins. */
const PYTHON_START = /^\s*[(A-Za-z_]/;

export interface PagingLimits {
  paginationDefault: number;
  paginationLimit: number;
  /** Most terms (keys and array elements) a client's `where` may hold. */
  maxWhereTerms?: number;
  /**
   * Lists of search-backed resources carry Superdesk's aggregations unless `aggregations=0`
   * (`ELASTICSEARCH_AUTO_AGGREGATIONS`); else only with `aggregations=1`.
   */
  autoAggregations?: boolean;
}

/** Parses `params` (URLSearchParams of the request). */
export function parseListQuery(params: URLSearchParams, limits: PagingLimits): ListQuery {
  const sort = parseSort(params.get("sort"));
  const cursor = params.get("cursor");
  return {
    filter: parseWhere(params.get("where"), limits),
    sort: cursor === null ? sort : undefined,
    cursor: cursor === null ? undefined : decodeCursor(cursor, sort),
    page: parsePage(params.get("page")),
    maxResults: parseMaxResults(params.get("max_results"), limits),
    projection: parseProjection(params.get("projection")),
    q: params.get("q") ?? undefined,
    df: params.get("df") || undefined,
    defaultOperator: parseOperator(params.get("default_operator")),
    showDeleted: params.has("show_deleted"),
    args: Object.fromEntries(params),
  };
}

/**
 * `where`: a JSON Mongo query; instants (`2026-01-01T09:30:00+0000`, other ISO 8601 date-times,
 * RFC 1123) become dates, as Eve does with `DATE_FORMAT` strings; the web client's `$options: "-i"`
 * is read as `i` (`client_regex_options.ts`). An instant that names no day of the calendar
 * (`2024-02-30T00:00:00+0000`) is a 400 naming its field. Its operators, depth and (with
 * `maxWhereTerms`) size are bounded: 400 beyond.
 */
export function parseWhere(
  raw: string | null,
  { maxWhereTerms }: { maxWhereTerms?: number } = {},
): Filter | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    // Eve's Python syntax (`item_id=="123"`) starts with a field name or a parenthesis.
    if (!PYTHON_START.test(raw)) {
      throw new BadRequestError(`Invalid "where": not JSON (${(error as Error).message})`);
    }
    parsed = parsePythonWhere(raw);
  }
  if (maxWhereTerms !== undefined && filterSize(parsed) > maxWhereTerms) {
    throw new BadRequestError(
      `Invalid "where": more than ${maxWhereTerms} terms (fields, operators and values)`,
    );
  }
  return reviveDates(validateFilter(dropClientRegexDash(parsed))) as Filter;
}

/** `value` with its instants as dates; `field` is the field the value is compared with. */
function reviveDates(value: unknown, field?: string): unknown {
  if (typeof value === "string") {
    if (isWireInstant(value)) return new Date(value);
    if (hasWireInstantForm(value)) {
      const name = field ?? "where";
      throw new BadRequestError(
        `Invalid "where": ${JSON.stringify(value)} for "${name}" is not a date of the calendar`,
        { issues: { [name]: "must be of datetime type" } },
      );
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((entry) => reviveDates(entry, field));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, reviveDates(v, k.startsWith("$") ? field : k)]),
    );
  }
  return value;
}

/** `default_operator` (`AND` or `OR`, any case), else a 400. */
function parseOperator(raw: string | null): "AND" | "OR" | undefined {
  if (raw === null) return undefined;
  const operator = raw.toUpperCase();
  if (operator === "AND" || operator === "OR") return operator;
  throw new BadRequestError(`Invalid "default_operator": AND or OR, not ${JSON.stringify(raw)}`);
}

/** The most sort keys a query may name (MongoDB refuses more than 32). */
export const MAX_SORT_KEYS = 32;

/** The highest `page` (the skip it implies must stay an exact integer on every engine). */
export const MAX_PAGE = 2 ** 31 - 1;

const SORT_FIELD = "-?[A-Za-z_][A-Za-z0-9_.]*";

/**
 * What `sort` may look like (a JSON Schema `pattern`): empty, `city, -lastname`, or a bracketed
 * list read further by `parseSort`.
 */
export const SORT_PATTERN = `^ *(?:${SORT_FIELD} *(?:, *${SORT_FIELD} *)*|\\[.*\\] *)?$`;
const SORT_SHAPE = new RegExp(SORT_PATTERN);

/**
 * `sort`: `city,-lastname`, `[("lastname", -1)]` or `[["lastname", -1]]`; at most
 * `MAX_SORT_KEYS` keys, on every engine alike.
 */
export function parseSort(raw: string | null): Sort | undefined {
  if (raw !== null && !SORT_SHAPE.test(raw)) throw new BadRequestError(`Invalid "sort": ${raw}`);
  if (raw === null || raw.trim() === "") return undefined;
  const sort = parseSortKeys(raw);
  if (sort.length > MAX_SORT_KEYS) {
    throw new BadRequestError(
      `Invalid "sort": ${sort.length} keys, at most ${MAX_SORT_KEYS} are allowed`,
    );
  }
  return sort;
}

function parseSortKeys(raw: string): Sort {
  const text = raw.trim();
  if (text.startsWith("[")) {
    const json = text.replaceAll("(", "[").replaceAll(")", "]").replaceAll("'", '"');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new BadRequestError(`Invalid "sort": ${raw}`);
    }
    if (!Array.isArray(parsed)) throw new BadRequestError(`Invalid "sort": ${raw}`);
    return parsed.map((pair) => {
      if (!Array.isArray(pair) || typeof pair[0] !== "string" || ![1, -1].includes(pair[1])) {
        throw new BadRequestError(`Invalid "sort": each entry must be ("field", 1 or -1)`);
      }
      return [checkField(pair[0]), pair[1] as 1 | -1] as const;
    });
  }
  return text.split(",").map((part) => {
    const field = part.trim();
    if (field.startsWith("-")) return [checkField(field.slice(1)), -1] as const;
    return [checkField(field), 1] as const;
  });
}

function checkField(field: string): string {
  if (!/^[A-Za-z_][\w.]*$/.test(field)) {
    throw new BadRequestError(`Invalid "sort" field "${field}"`);
  }
  return field;
}

/** Eve reads `abs(int(page))`, 0 and garbage meaning 1; past `MAX_PAGE` is a 400. */
export function parsePage(raw: string | null): number {
  const page = Math.abs(Math.trunc(Number(raw)));
  if (page > MAX_PAGE) {
    throw new BadRequestError(`Invalid "page": ${raw} is past the last allowed page ${MAX_PAGE}`);
  }
  return Number.isFinite(page) && page > 0 ? page : 1;
}

/** Eve reads `int(float(x))`; ≤ 0 or garbage means the default; clamped to the limit. */
export function parseMaxResults(raw: string | null, limits: PagingLimits): number {
  const value = Math.trunc(Number(raw));
  const wanted = raw === null || !Number.isFinite(value) || value <= 0
    ? limits.paginationDefault
    : value;
  return Math.min(wanted, limits.paginationLimit);
}

/** `projection`: a JSON object of field → 0|1, all of one kind (except `_id`). */
export function parseProjection(raw: string | null): Projection | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const parsed = parseJsonObject("projection", raw);
  const projection: Projection = {};
  for (const [field, flag] of Object.entries(parsed)) {
    if (flag !== 0 && flag !== 1 && flag !== true && flag !== false) {
      throw new BadRequestError(`Invalid "projection": "${field}" must be 0 or 1`);
    }
    projection[field] = flag ? 1 : 0;
  }
  const kinds = new Set(Object.entries(projection).filter(([f]) => f !== "_id").map(([, v]) => v));
  if (kinds.size > 1) throw new BadRequestError(`Invalid "projection": mixes 0 and 1`);
  return projection;
}

/** Parses a query parameter that must be a JSON object, naming it on error. */
export function parseJsonObject(name: string, raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new BadRequestError(`Invalid "${name}": not JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new BadRequestError(`Invalid "${name}": expected a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
