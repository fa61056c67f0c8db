/**
 * `GET /api/subscribers?filter_condition={"field", "operator", "value"}` (Superdesk's
 * `_get_subscribers_by_filter_condition` and `FilterConditionService.check_similar`): which
 * stored conditions are like the given one, the content filters that use them (directly or
 * through other filters), the products with those filters, and the subscribers that get them
 * (through a product, or a global filter they have not turned off). For a field with `in` or
 * `nin`, "like" is the same operator with a value holding the given one, or the field's other
 * operator with a value that does not; for other fields, the same operator with a value holding
 * it. Values compare as text without case, not as the regular expression Superdesk builds from
 * the request.
 */
import { BadRequestError } from "../errors.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { fieldOperators } from "./filter_condition_parameters.ts";

/** The condition a client asks about. */
export interface ConditionQuery {
  field: string;
  operator: string;
  value: string;
}

/** Reads `filter_condition`'s JSON; a 400 when it is not a condition. */
export function parseConditionQuery(text: string): ConditionQuery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError("filter_condition is not valid JSON");
  }
  const query = parsed as Partial<ConditionQuery> | null;
  if (
    !query || typeof query !== "object" || typeof query.field !== "string" ||
    typeof query.operator !== "string" || typeof query.value !== "string"
  ) {
    throw new BadRequestError("filter_condition needs a field, an operator and a value");
  }
  return { field: query.field, operator: query.operator, value: query.value };
}

/** The usage of conditions like `query`: one document, as Superdesk answers. */
export async function conditionUsage(documents: DocumentStore, query: ConditionQuery) {
  const conditions = await similarConditions(documents, query);
  const filters = await usingFilters(documents, conditions.map((c) => String(c._id)));
  const filterIds = new Set(filters.map((f) => String(f._id)));
  const [products, subscribers] = await Promise.all([
    documents.collection("products").find({ "content_filter.filter_id": { $in: [...filterIds] } }),
    documents.collection("subscribers").find({}),
  ]);
  const productIds = new Set(products.map((p) => String(p._id)));
  const globals = filters.filter((f) => f.is_global === true).map((f) => String(f._id));
  const selected = subscribers.filter((subscriber) => {
    const turnedOff = (subscriber.global_filters ?? {}) as Doc;
    if (globals.some((id) => turnedOff[id] !== false)) return true;
    const own = [
      ...(Array.isArray(subscriber.products) ? subscriber.products : []),
      ...(Array.isArray(subscriber.api_products) ? subscriber.api_products : []),
    ];
    return own.some((id) => productIds.has(String(id)));
  });
  return {
    filter_conditions: conditions,
    content_filters: filters,
    products,
    selected_subscribers: selected,
  };
}

async function similarConditions(documents: DocumentStore, query: ConditionQuery) {
  const operators = (await fieldOperators(documents)).get(query.field);
  if (!operators) throw new BadRequestError(`Unknown filter condition field: ${query.field}`);
  if (!operators.includes(query.operator)) {
    throw new BadRequestError(`Unknown operator ${query.operator} for field ${query.field}`);
  }
  const holds = (condition: Doc) =>
    String(condition.value).toLowerCase().includes(query.value.toLowerCase());
  const sameField = await documents.collection("filter_conditions").find(
    { field: query.field },
    { sort: [["name", 1]] },
  );
  if (!operators.includes("in") && !operators.includes("nin")) {
    return sameField.filter((c) => c.operator === query.operator && holds(c));
  }
  const other = operators.find((operator) => operator !== query.operator);
  return sameField.filter((c) =>
    (c.operator === query.operator && holds(c)) || (c.operator === other && !holds(c))
  );
}

/** Content filters using any of `conditionIds`, and the filters that use those, and so on. */
async function usingFilters(documents: DocumentStore, conditionIds: string[]): Promise<Doc[]> {
  const all = await documents.collection("content_filters").find({}, { sort: [["name", 1]] });
  const refs = (filter: Doc, key: "fc" | "pf") =>
    (Array.isArray(filter.content_filter) ? filter.content_filter as Doc[] : [])
      .flatMap((statement) => {
        const ids = (statement?.expression as Doc | undefined)?.[key];
        return Array.isArray(ids) ? ids.map(String) : [];
      });
  const wanted = new Set(conditionIds);
  const found = new Set(
    all.filter((f) => refs(f, "fc").some((id) => wanted.has(id))).map((f) => String(f._id)),
  );
  // Filters referring to found ones, until none is new (a cycle ends too).
  for (let grew = true; grew;) {
    grew = false;
    for (const filter of all) {
      const id = String(filter._id);
      if (!found.has(id) && refs(filter, "pf").some((ref) => found.has(ref))) {
        found.add(id);
        grew = true;
      }
    }
  }
  return all.filter((f) => found.has(String(f._id)));
}
