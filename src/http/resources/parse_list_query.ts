/**
 * Parses Eve's collection query parameters into a neutral `ListQuery`: `where` (Mongo JSON,
 * operators allow-listed), `sort` (`a,-b`, `[("a", -1)]` or JSON), `page`, `max_results`,
 * `projection`, `q`, `show_deleted`. Bad `where`/`sort`/`projection` → 400 naming the parameter;
 * `page` and `max_results` fall back to defaults as Eve does.
 */
import { BadRequestError } from "../../errors.ts";
import { decodeCursor } from "../../resources/cursor.ts";
import type { ListQuery } from "../../resources/list_query.ts";
import { isWireDate } from "../../resources/schema/fields.ts";
import type { Filter, Projection, Sort } from "../../storage/document_store.ts";
import { validateFilter } from "../../storage/where_filter.ts";

export interface PagingLimits {
  paginationDefault: number;
  paginationLimit: number;
}

/** Parses `params` (URLSearchParams of the request). */
export function parseListQuery(params: URLSearchParams, limits: PagingLimits): ListQuery {
  const sort = parseSort(params.get("sort"));
  const cursor = params.get("cursor");
  return {
    filter: parseWhere(params.get("where")),
    sort: cursor === null ? sort : undefined,
    cursor: cursor === null ? undefined : decodeCursor(cursor, sort),
    page: parsePage(params.get("page")),
    maxResults: parseMaxResults(params.get("max_results"), limits),
    projection: parseProjection(params.get("projection")),
    q: params.get("q") ?? undefined,
    showDeleted: params.has("show_deleted"),
  };
}

/** `where`: a JSON Mongo query; RFC 1123 date strings become dates, as in Eve. */
export function parseWhere(raw: string | null): Filter | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new BadRequestError(`Invalid "where": not JSON (${(error as Error).message})`);
  }
  return reviveDates(validateFilter(parsed)) as Filter;
}

function reviveDates(value: unknown): unknown {
  if (typeof value === "string") {
    return isWireDate(value) && value.includes("GMT") ? new Date(value) : value;
  }
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
  }
  return value;
}

/** `sort`: `city,-lastname`, `[("lastname", -1)]` or `[["lastname", -1]]`. */
export function parseSort(raw: string | null): Sort | undefined {
  if (raw === null || raw.trim() === "") return undefined;
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

/** Eve reads `abs(int(page))`, 0 and garbage meaning 1. */
function parsePage(raw: string | null): number {
  const page = Math.abs(Math.trunc(Number(raw)));
  return Number.isFinite(page) && page > 0 ? page : 1;
}

/** Eve reads `int(float(x))`; ≤ 0 or garbage means the default; clamped to the limit. */
function parseMaxResults(raw: string | null, limits: PagingLimits): number {
  const value = Math.trunc(Number(raw));
  if (raw === null || !Number.isFinite(value) || value <= 0) return limits.paginationDefault;
  return Math.min(value, limits.paginationLimit);
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
