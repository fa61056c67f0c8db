/**
 * A read-only resource whose items are computed rather than stored (Superdesk's `ListCursor`
 * services: privileges, languages, backend meta ...). Subclasses say what the items are;
 * lists get Eve's `where` (equality, `$in`, `$nin`, `$ne`, `$exists`, `$and`, `$or`; any other
 * operator is a 400 naming it), `sort`, paging and `projection`, item GETs a lookup by `_id`.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import type { Doc, Filter, Sort } from "../storage/document_store.ts";
import { valueAt } from "../storage/value_at.ts";
import { type Actor, SYSTEM_ACTOR } from "./actor.ts";
import type { ListQuery, ListResult } from "./list_query.ts";
import { ResourceService } from "./resource_service.ts";

export abstract class ComputedListService extends ResourceService {
  /** Every item `actor` may see, in their natural order. */
  protected abstract items(actor: Actor): Promise<Doc[]> | Doc[];

  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const filter = query.filter;
    let items = (await this.items(actor)).filter((doc) => !filter || matches(doc, filter));
    if (query.sort?.length) items = sorted(items, query.sort);
    const start = (query.page - 1) * query.maxResults;
    const page = items.slice(start, start + query.maxResults).map((doc) => project(doc, query));
    return { items: page, total: items.length };
  }

  override async findOne(filter: Filter, actor: Actor = SYSTEM_ACTOR): Promise<Doc | null> {
    return (await this.items(actor)).find((doc) => matches(doc, filter)) ?? null;
  }

  override async getById(id: string, actor: Actor = SYSTEM_ACTOR): Promise<Doc> {
    const doc = await this.findOne({ _id: id }, actor);
    if (!doc) throw new NotFoundError(`${this.definition.name} item "${id}" not found`);
    return doc;
  }
}

/** True when `doc` passes `filter`. */
function matches(doc: Doc, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$and") return listOf(key, condition).every((part) => matches(doc, part));
    if (key === "$or") return listOf(key, condition).some((part) => matches(doc, part));
    if (key.startsWith("$")) throw new BadRequestError(`Unsupported operator "${key}" here`);
    return fieldMatches(valueAt(doc, key), condition);
  });
}

function fieldMatches(value: unknown, condition: unknown): boolean {
  if (!isOperators(condition)) return equals(value, condition);
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case "$in":
        return listOf(operator, operand).some((candidate) => equals(value, candidate));
      case "$nin":
        return !listOf(operator, operand).some((candidate) => equals(value, candidate));
      case "$ne":
        return !equals(value, operand);
      case "$exists":
        return (value !== undefined) === Boolean(operand);
      default:
        throw new BadRequestError(`Unsupported operator "${operator}" here`);
    }
  });
}

/** Mongo's equality: arrays match any element; null matches a missing field. */
function equals(value: unknown, expected: unknown): boolean {
  if (Array.isArray(value) && !Array.isArray(expected)) {
    return value.some((element) => equals(element, expected));
  }
  if (expected === null) return value === null || value === undefined;
  return JSON.stringify(value) === JSON.stringify(expected);
}

function isOperators(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith("$"));
}

function listOf(operator: string, value: unknown): Doc[] {
  if (!Array.isArray(value)) throw new BadRequestError(`"${operator}" needs a list`);
  return value as Doc[];
}

function sorted(items: Doc[], sort: Sort): Doc[] {
  return [...items].sort((a, b) => {
    for (const [field, direction] of sort) {
      const x = valueAt(a, field);
      const y = valueAt(b, field);
      if (x === y) continue;
      if (x === undefined || x === null) return -direction;
      if (y === undefined || y === null) return direction;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  });
}

function project(doc: Doc, query: ListQuery): Doc {
  const projection = query.projection;
  if (!projection || Object.keys(projection).length === 0) return doc;
  const including = Object.entries(projection).some(([field, flag]) => field !== "_id" && flag);
  const out: Doc = {};
  for (const [field, value] of Object.entries(doc)) {
    const flag = projection[field];
    const keep = field === "_id" ? flag !== 0 : including ? flag === 1 : flag !== 0;
    if (keep) out[field] = value;
  }
  return out;
}
