/**
 * A resource is data (Eve's DOMAIN entry, Superdesk's `Resource` class): its URL, schema,
 * methods, privileges, datasource and behaviour flags. Routes, validation, indexes and the
 * OpenAPI document are derived from it. `defineResource` fills the defaults once.
 */
import { type TObject, type TSchema, Type } from "@sinclair/typebox";
import type { SearchFields } from "../search/mapping.ts";
import type { Doc, Filter, IndexSpec, Projection, Sort } from "../storage/document_store.ts";
import { mayHoldArray } from "./scalar_paths.ts";

export type ResourceMethod = "GET" | "POST" | "DELETE";
export type ItemMethod = "GET" | "PATCH" | "PUT" | "DELETE";
export type HttpMethod = ResourceMethod | ItemMethod;

/** A field that references another resource (Eve's `data_relation`). */
export interface Relation {
  resource: string;
  /** The referenced field; `_id` by default. */
  field?: string;
  /** Whether `?embedded={"field":1}` may expand it. */
  embeddable?: boolean;
  /** Expanded without being asked (Eve's `embedded_fields`); `{"field": 0}` opts out. */
  embedByDefault?: boolean;
}

/** How a resource reads its storage. */
export interface Datasource {
  /** The collection; defaults to the resource name. Several resources may share one. */
  source: string;
  /** Used when the client sends no `sort`. */
  defaultSort?: Sort;
  /** Always combined (`$and`) with the client's query. */
  filter?: Filter;
  /** Fields hidden from (0) or the only fields shown to (1) clients. */
  projection?: Projection;
}

/** What a module declares. */
export interface ResourceInput {
  name: string;
  /** The URL under `/api`; defaults to `name`. */
  url?: string;
  /** Link title; defaults to the URL. */
  title?: string;
  /**
   * How people name one item and several (API reference titles: "Get a user", "List users");
   * derived from the name when absent (`users` → user/users, `archive` → archive item/items).
   */
  nouns?: { one: string; many: string };
  schema: TObject;
  resourceMethods?: ResourceMethod[];
  itemMethods?: ItemMethod[];
  /** The privilege each method needs; a method without one needs only a session. */
  privileges?: Partial<Record<HttpMethod, string>>;
  /** Methods served without a session. */
  publicMethods?: HttpMethod[];
  datasource?: Partial<Datasource>;
  /** Regular expression (without anchors) an item id must match; 24-hex by default. */
  itemUrl?: string;
  /** A second GET-only lookup, e.g. `{field: "username"}`. */
  additionalLookup?: { field: string; url: string };
  /** Keep a `<resource>_versions` copy of each write. */
  versioning?: boolean;
  softDelete?: boolean;
  /** Publish `resource:created|updated|deleted` on the notification bus. */
  notifications?: boolean;
  indexes?: IndexSpec[];
  /** Fields that do not change the etag. */
  etagIgnoreFields?: string[];
  /** Fields clients may not set (the server does). */
  readOnlyFields?: string[];
  /** Fields whose values must be unique across the resource (a unique index is derived). */
  uniqueFields?: string[];
  /** Fields never returned to clients (e.g. password hashes). */
  hiddenFields?: string[];
  /**
   * The fields a stored document derives from its own (a hidden case-insensitive unique key), as
   * the service sets them on every write; a restore sets them on documents it writes past the
   * service (`src/storage_dump/stored_shape.ts`).
   */
  derivedFields?: (doc: Doc) => Doc;
  relations?: Record<string, Relation>;
  /** Lists are read from the search index when one is configured. */
  searchBacked?: boolean;
  /** How string fields are searched (`text`, `keyword`, `none`) by dotted path; keyword by default. */
  searchFields?: SearchFields;
  /** Not routed; used by services only. */
  internal?: boolean;
  /** Maximum `max_results`; the global PAGINATION_LIMIT by default. */
  paginationLimit?: number;
  /** How new ids are made: ObjectId-style hex (default) or a Superdesk guid (`urn:...`). */
  idStyle?: "objectid" | "guid";
  /**
   * Item `_links.self.href` with `{_id}` in it (Superdesk's `custom_hateoas`, e.g.
   * `/archive/{_id}`); Eve's `<url>/<id>` by default.
   */
  itemHref?: string;
  /** Item `_links.self.title` (Superdesk's `resource_title` sets it); Eve's `itemTitle` by default. */
  itemLinkTitle?: string;
}

/** A resource with every default applied. */
export interface ResourceDefinition extends
  Required<
    Omit<
      ResourceInput,
      | "additionalLookup"
      | "paginationLimit"
      | "title"
      | "datasource"
      | "itemHref"
      | "nouns"
      | "itemLinkTitle"
      | "derivedFields"
    >
  > {
  title: string;
  itemHref?: string;
  itemLinkTitle?: string;
  nouns?: { one: string; many: string };
  datasource: Datasource;
  additionalLookup?: { field: string; url: string };
  paginationLimit?: number;
  derivedFields?: (doc: Doc) => Doc;
}

/**
 * Applies the defaults (Eve's: read-only methods, 24-hex ids, no versioning); throws when an
 * index is declared `scalar` on a path the schema lets hold an array (`scalar_paths.ts`).
 */
export function defineResource(input: ResourceInput): ResourceDefinition {
  for (const index of input.indexes ?? []) {
    if (!index.scalar || index.dropped) continue;
    const field = Object.keys(index.keys).find((key) => mayHoldArray(input.schema, key));
    if (field !== undefined) {
      throw new Error(
        `Resource "${input.name}": index "${index.name}" is declared scalar but the schema ` +
          `allows an array on "${field}"`,
      );
    }
  }
  const url = input.url ?? input.name;
  return {
    url,
    title: input.title ?? url,
    resourceMethods: ["GET"],
    itemMethods: ["GET"],
    privileges: {},
    publicMethods: [],
    itemUrl: "[a-f0-9]{24}",
    versioning: false,
    softDelete: false,
    notifications: false,
    indexes: [],
    etagIgnoreFields: [],
    readOnlyFields: [],
    uniqueFields: [],
    hiddenFields: [],
    relations: {},
    searchBacked: false,
    searchFields: {},
    internal: false,
    idStyle: "objectid",
    ...input,
    datasource: { source: input.name, ...input.datasource },
  };
}

/** Eve's item title: the resource name without a trailing "s", capitalised. */
export function itemTitle(definition: ResourceDefinition): string {
  if (definition.itemLinkTitle !== undefined) return definition.itemLinkTitle;
  const base = definition.name.endsWith("s") ? definition.name.slice(0, -1) : definition.name;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * `definition` with optional `fields` added to its schema (apps' item fields); a field the schema
 * has already is an error naming it.
 */
export function withFields(
  definition: ResourceDefinition,
  fields: Record<string, TSchema>,
): ResourceDefinition {
  const { schema } = definition;
  const added: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (name in schema.properties) {
      throw new Error(`Resource "${definition.name}" already has a field "${name}"`);
    }
    added[name] = Type.Optional(field);
  }
  return {
    ...definition,
    schema: Type.Object({ ...schema.properties, ...added }, {
      additionalProperties: schema.additionalProperties,
    }),
  };
}
