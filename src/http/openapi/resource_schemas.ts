/**
 * The JSON Schemas of one resource as the API uses them, derived from its TypeBox schema: what
 * responses carry (every field optional, since `projection` may leave any out; meta fields and
 * links added; write-only fields never), what a create or replace body must hold, and what a
 * PATCH body may hold. Dates are described as the wire writes and reads them, not as JSON
 * Schema's RFC 3339 `date-time`.
 */
import { ACCEPTED_DATE_PATTERN } from "../../resources/schema/fields.ts";
import type { ResourceDefinition } from "../../resources/resource_definition.ts";
import { WIRE_DATE_PATTERN } from "../../wire_date.ts";
import { isoToWire } from "../../wire_date.ts";
import { docNouns, pascal } from "./doc_nouns.ts";

/** A JSON Schema or OpenAPI object. */
export type Json = Record<string, unknown>;

const EXAMPLE_DATE = isoToWire("2026-01-01T09:30:00.000Z");

/** A date as responses write it. */
export const WIRE_DATE: Json = {
  type: "string",
  pattern: WIRE_DATE_PATTERN,
  description: "Date as the server writes it",
  examples: [EXAMPLE_DATE],
};

/** A date as request bodies may send it. */
const ACCEPTED_DATE: Json = {
  type: "string",
  pattern: ACCEPTED_DATE_PATTERN,
  description: "Date: RFC 1123 or ISO 8601",
  examples: [EXAMPLE_DATE, "2026-01-01T09:30:00Z"],
};

/** `{title, href}`: one of Eve's `_links`. */
export const LINK: Json = {
  type: "object",
  properties: { title: { type: "string" }, href: { type: "string" } },
  required: ["href"],
};

/** The component names of a resource's schemas. */
export function schemaNames(definition: ResourceDefinition) {
  const base = pascal(docNouns(definition).one);
  return {
    item: base,
    create: `${base}Create`,
    update: `${base}Update`,
    list: `${base}List`,
    written: `${base}Written`,
  };
}

/** Every component schema of `definition`, by name. */
export function resourceSchemas(definition: ResourceDefinition): Record<string, Json> {
  const names = schemaNames(definition);
  const nouns = docNouns(definition);
  const source = plain(definition.schema);
  const properties = (source.properties ?? {}) as Record<string, Json>;
  const writable = withoutKeys(properties, definition.readOnlyFields);
  const required = ((source.required ?? []) as string[])
    .filter((field) => !definition.readOnlyFields.includes(field));
  const body = (extra: Json): Json => ({
    ...withoutKeys(source, ["properties", "required"]),
    properties: dates(writable, ACCEPTED_DATE),
    ...extra,
  });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    [names.item]: {
      type: "object",
      title: capitalised(nouns.one),
      properties: {
        ...dates(withoutKeys(properties, definition.hiddenFields), WIRE_DATE),
        ...embeddable(definition, properties),
        ...metaProperties(definition),
      },
      required: requiredMeta(definition),
    },
    [names.create]: body({
      title: `New ${nouns.one}`,
      ...(required.length > 0 ? { required } : {}),
    }),
    [names.update]: body({ title: `Changes to a ${nouns.one}` }),
    [names.written]: {
      title: `Written ${nouns.one}`,
      allOf: [ref(names.item)],
      properties: { _status: { const: "OK" } },
    },
    [names.list]: {
      type: "object",
      title: `Page of ${nouns.many}`,
      properties: {
        _items: { type: "array", items: ref(names.item) },
        _links: { type: "object", additionalProperties: LINK },
        _meta: { $ref: "#/components/schemas/ListMeta" },
      },
      required: ["_items", "_meta"],
    },
  };
}

/**
 * The meta fields every answer has: `_id` and `_etag` for items that can be written; computed,
 * read-only lists (languages, privileges ...) have no `_etag`; an action with no items of its own
 * (`content_templates_apply` answers the item it made) neither.
 */
function requiredMeta(definition: ResourceDefinition): string[] {
  if (definition.itemMethods.length === 0) return [];
  return definition.itemMethods.some((method) => method !== "GET") ? ["_id", "_etag"] : ["_id"];
}

/** Fields the server adds to every stored document. */
function metaProperties(definition: ResourceDefinition): Json {
  return {
    _id: { type: "string", description: "Item id" },
    _created: WIRE_DATE,
    _updated: WIRE_DATE,
    _etag: { type: "string", description: "Send it back in `If-Match` to write the item" },
    _links: { type: "object", additionalProperties: LINK },
    ...(definition.versioning
      ? { _current_version: { type: "integer" }, _latest_version: { type: "integer" } }
      : {}),
    ...(definition.softDelete ? { _deleted: { type: "boolean" } } : {}),
  };
}

/** Relations `?embedded=` may expand: the id, or the related item itself. */
function embeddable(definition: ResourceDefinition, properties: Record<string, Json>): Json {
  const out: Json = {};
  for (const [field, relation] of Object.entries(definition.relations)) {
    const declared = properties[field];
    if (!relation.embeddable || !declared) continue;
    out[field] = {
      anyOf: [dates({ [field]: declared }, WIRE_DATE)[field], { type: "object" }],
      description: `A ${relation.resource} id, or the item with \`embedded={"${field}": 1}\``,
    };
  }
  return out;
}

/** The schema as plain JSON (TypeBox adds symbol keys). */
function plain(schema: unknown): Json {
  return JSON.parse(JSON.stringify(schema)) as Json;
}

/**
 * `properties` with every `format: date-time` string replaced by `date`, at any depth; so is
 * TypeBox's `Date` (`type: "Date"`, not JSON Schema), which a schema allows for dates the server
 * writes as `Date`s and the wire carries as dates.
 */
function dates(properties: Record<string, Json>, date: Json): Record<string, Json> {
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (!value || typeof value !== "object") return value;
    const schema = value as Json;
    if (schema.type === "Date") return date;
    if (schema.type === "string" && schema.format === "date-time") {
      const { format: _format, ...rest } = schema;
      return { ...rest, ...date };
    }
    return Object.fromEntries(Object.entries(schema).map(([key, inner]) => [key, replace(inner)]));
  };
  return replace(properties) as Record<string, Json>;
}

function withoutKeys<T extends Record<string, unknown>>(object: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key))) as T;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
