/**
 * The content API's `filter` parameter (Superdesk's `ItemsService._set_filter_for_arguments`):
 * Elasticsearch query clauses, a JSON list of them or one, every one of which an item must
 * match. Only the clauses both search indexes answer the same way are taken (`bool`, `term`,
 * `terms` with a list of values, `ids`, `range`, `exists`, `prefix`, `match`, `match_phrase`,
 * `multi_match`, `query_string`, `match_all`, `match_none`, `constant_score`): a subscriber's
 * system sends them, and Elasticsearch's others reach further (a `terms` lookup reads another
 * index, a `script` runs code). Anything else is a 400, and so is a `bool` part Elasticsearch does
 * not know. The clauses and their query texts count towards the search's cost (`query_cost.ts`).
 * For a subscriber (`guarded`), no clause may name one of the store's own fields
 * (`internal_fields.ts`); for anyone, a `query_string` or
 * `multi_match` without fields is given the consumer's text fields (and `lenient`, as
 * Elasticsearch's every-field search has it) rather than every field.
 */
import { BadRequestError } from "../errors.ts";
import type { QueryClause } from "../search/search_body.ts";
import { addClauses, addQueryText, type QueryCost } from "./query_cost.ts";
import { isDoc } from "../storage/document_store.ts";
import { CONSUMER_TEXT_FIELDS, refuseInternal, refuseInternalText } from "./internal_fields.ts";

const LEAVES = new Set([
  "term",
  "ids",
  "range",
  "exists",
  "prefix",
  "match",
  "match_phrase",
  "multi_match",
  "query_string",
  "match_all",
  "match_none",
]);

/** Every clause `filter` takes (for the API reference). */
export const FILTER_CLAUSES: readonly string[] = ["bool", "terms", "constant_score", ...LEAVES];
const BOOL_PARTS = new Set(["must", "filter", "should", "must_not"]);
/** A `bool`'s options besides its parts. */
const BOOL_OPTIONS = new Set(["minimum_should_match", "boost", "_name"]);
/** Leaves whose `query` is query text (of every field). */
const QUERY_TEXT = new Set(["query_string", "multi_match"]);
/** Leaves whose fields each hold query text (or `{query}`). */
const FIELD_TEXT = new Set(["match", "match_phrase"]);
/** Leaves whose keys are field names (besides options no field is called). */
const FIELD_KEYED = new Set(["term", "terms", "range", "prefix", "match", "match_phrase"]);
/** How deep clauses may nest (a `bool` in a `bool` ...). */
const MAX_DEPTH = 8;

/**
 * The clauses of `raw` (the parameter's text), their cost added to `cost`; none for an absent or
 * empty one. `guarded`: a subscriber's, refused when it reaches the store's own fields.
 */
export function capiFilterClauses(
  raw: string | null,
  cost: QueryCost,
  guarded: boolean,
): QueryClause[] {
  if (raw === null || raw.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid("it is not JSON");
  }
  const clauses = Array.isArray(parsed) ? parsed : [parsed];
  for (const clause of clauses) checkClause(clause, 1, { cost, guarded });
  return clauses as QueryClause[];
}

/** What checking a request's clauses carries. */
interface Check {
  cost: QueryCost;
  guarded: boolean;
}

function checkClause(clause: unknown, depth: number, check: Check): void {
  const { cost } = check;
  if (depth > MAX_DEPTH) throw invalid(`clauses nest deeper than ${MAX_DEPTH}`);
  if (!isDoc(clause) || Object.keys(clause).length !== 1) {
    throw invalid("each clause is an object with one query");
  }
  const [name, body] = Object.entries(clause)[0]!;
  if (!isDoc(body)) throw invalid(`[${name}] takes an object`);
  addClauses(cost, 1);
  if (check.guarded) refuseInternalFields(name, body);
  if (QUERY_TEXT.has(name)) {
    if (typeof body.query === "string") addQueryText(cost, "filter", body.query);
    // No fields (or an empty list, which Elasticsearch also reads as every field).
    const unfielded = body.fields === undefined ||
      (Array.isArray(body.fields) && body.fields.length === 0);
    if (unfielded && body.default_field === undefined) {
      body.fields = [...CONSUMER_TEXT_FIELDS];
      body.lenient ??= true;
    }
    return;
  }
  if (FIELD_TEXT.has(name)) {
    for (const value of Object.values(body)) {
      const text = isDoc(value) ? value.query : value;
      if (typeof text === "string") addQueryText(cost, "filter", text);
    }
    return;
  }
  if (LEAVES.has(name)) return;
  if (name === "terms") {
    for (const [field, values] of Object.entries(body)) {
      if (field === "boost") continue;
      if (!Array.isArray(values)) throw invalid("[terms] takes a list of values per field");
      addClauses(cost, values.length);
    }
    return;
  }
  if (name === "constant_score") return checkClause(body.filter, depth + 1, check);
  if (name === "bool") {
    for (const [part, value] of Object.entries(body)) {
      if (BOOL_OPTIONS.has(part)) continue;
      if (!BOOL_PARTS.has(part)) throw invalid(`[bool] does not take [${part}]`);
      for (const inner of Array.isArray(value) ? value : [value]) {
        checkClause(inner, depth + 1, check);
      }
    }
    return;
  }
  throw invalid(`[${name}] queries are not supported`);
}

/** Refuses a leaf `name` whose fields (or query text) reach the store's own fields. */
function refuseInternalFields(name: string, body: Record<string, unknown>): void {
  if (FIELD_KEYED.has(name)) {
    for (const field of Object.keys(body)) refuseInternal("filter", field);
  }
  if (name === "exists") refuseInternal("filter", String(body.field ?? ""));
  if (!QUERY_TEXT.has(name)) return;
  if (body.fields !== undefined && !Array.isArray(body.fields)) {
    throw invalid(`[${name}] takes a list of fields`);
  }
  const fields = body.fields ?? [];
  for (const field of [...fields, body.default_field ?? ""]) {
    refuseInternal("filter", String(field));
  }
  if (name === "query_string" && typeof body.query === "string") {
    refuseInternalText("filter", body.query);
  }
}

function invalid(why: string): BadRequestError {
  return new BadRequestError(`Bad parameter value for Parameter (filter): ${why}`, {
    issues: { filter: why },
  });
}
