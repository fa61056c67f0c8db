/**
 * The OpenAPI 3.1 document of `/api`, derived from the registered resource definitions (see
 * `resource_paths.ts`, `resource_schemas.ts`) plus the path items modules describe for the
 * routes they add (login, domain actions). Shared parameters, headers and the error envelope
 * are components here, so every operation refers to one definition.
 */
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import { docNouns } from "./doc_nouns.ts";
import { resourcePaths, tagName } from "./resource_paths.ts";
import { type Json, LINK, resourceSchemas } from "./resource_schemas.ts";

/** Path items (`{"/auth_db": {post: {...}}}`) a module adds for its own routes. */
export type OpenApiPaths = Record<string, Json>;

/** Options of `openApiDocument`. */
export interface OpenApiOptions {
  version?: string;
  /** Path items of module routes; their operations use the tags they name. */
  extraPaths?: readonly OpenApiPaths[];
}

/** Builds the document for every routed resource of `registry`. */
export function openApiDocument(
  registry: ResourceRegistry,
  { version = "0.1.0", extraPaths = [] }: OpenApiOptions = {},
): Json {
  const definitions = registry.definitions().filter((definition) => !definition.internal);
  const paths: Json = { "/": HOME };
  for (const more of extraPaths) mergePaths(paths, more);
  const schemas: Json = {};
  for (const definition of definitions) {
    Object.assign(schemas, resourceSchemas(definition));
    mergePaths(paths, resourcePaths(definition));
  }
  const tags = definitions.map((definition) => ({
    name: tagName(definition),
    description: `The \`${definition.url}\` resource: ${docNouns(definition).many}.`,
  }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Superdesk API",
      version,
      description: "The REST API of the Superdesk newsroom server (Eve's and Superdesk's wire " +
        "format). Log in with `POST /auth_db`, then send the token as the Basic user name with " +
        "an empty password (or as a Bearer token).",
    },
    servers: [{ url: "/api" }],
    security: [{ sessionBasic: [] }, { sessionBearer: [] }],
    tags: [
      { name: "API", description: "What this API serves." },
      ...extraTags(extraPaths, ["API", ...tags.map((tag) => tag.name)]),
      ...tags,
    ],
    paths,
    components: {
      schemas: { ...schemas, Error: ERROR, ListMeta: LIST_META },
      responses: {
        Error: {
          description: "Error: the JSON envelope (`_issues` names the fields of a bad request)",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        sessionBasic: {
          type: "http",
          scheme: "basic",
          description: "The session token as the user name and an empty password " +
            "(`Authorization: Basic base64(token:)`), as the Superdesk client sends it",
        },
        sessionBearer: {
          type: "http",
          scheme: "bearer",
          description: "The session token as `Authorization: Bearer <token>`",
        },
      },
    },
  };
}

/** Adds `more` into `paths`; a path both describe gets the methods of each. */
function mergePaths(paths: Json, more: OpenApiPaths) {
  for (const [path, item] of Object.entries(more)) {
    paths[path] = { ...(paths[path] as Json | undefined), ...item };
  }
}

/** Tags that module operations use and no resource defines. */
function extraTags(extraPaths: readonly OpenApiPaths[], known: string[]) {
  const names = new Set<string>();
  for (const paths of extraPaths) {
    for (const item of Object.values(paths)) {
      for (const operation of Object.values(item)) {
        for (const tag of (operation as { tags?: string[] }).tags ?? []) {
          if (!known.includes(tag)) names.add(tag);
        }
      }
    }
  }
  return [...names].map((name) => ({ name }));
}

const HOME: Json = {
  get: {
    tags: ["API"],
    operationId: "listResources",
    summary: "List the resources",
    description: "Eve's home document: a link to every resource (`_links.child`).",
    security: [],
    responses: {
      "200": {
        description: "Links to every resource",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                _links: {
                  type: "object",
                  properties: { child: { type: "array", items: LINK } },
                },
              },
            },
          },
        },
      },
    },
  },
};

const ERROR: Json = {
  type: "object",
  title: "Error",
  properties: {
    _status: { const: "ERR" },
    _error: {
      type: "object",
      properties: { code: { type: "integer" }, message: { type: "string" } },
      required: ["code", "message"],
    },
    _issues: {
      type: "object",
      description: "Problems by field name (or `privilege`, `credentials`...)",
    },
  },
  required: ["_status", "_error"],
};

const LIST_META: Json = {
  type: "object",
  title: "Page information",
  properties: {
    page: { type: "integer" },
    max_results: { type: "integer" },
    total: { type: "integer", description: "Absent when counting was skipped" },
    next_cursor: { type: "string", description: "With `cursor`: pass it to read on" },
  },
  required: ["max_results"],
};

const query = (name: string, description: string, schema: Json = { type: "string" }): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

const PARAMETERS: Record<string, Json> = {
  where: query("where", 'A MongoDB query as JSON, e.g. `{"username": "admin"}`'),
  sort: query("sort", '`field,-other`, or `[("field", -1)]`'),
  page: query("page", "Page number, from 1", { type: "integer", minimum: 1 }),
  max_results: query("max_results", "Page size", { type: "integer", minimum: 1 }),
  projection: query("projection", 'Fields to show (1) or hide (0), e.g. `{"username": 1}`'),
  embedded: query("embedded", 'Relations to expand, e.g. `{"role": 1}`'),
  q: query("q", "Full-text query"),
  cursor: query("cursor", "Keyset paging: empty for the first page, then `_meta.next_cursor`"),
  version: query("version", "A version number, `all` or `diffs`"),
  IfMatch: {
    name: "If-Match",
    in: "header",
    required: true,
    description: "The item's current `_etag` (428 without it, 412 when it changed)",
    schema: { type: "string" },
  },
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "An `ETag`: 304 while it still matches",
    schema: { type: "string" },
  },
  IfModifiedSince: {
    name: "If-Modified-Since",
    in: "header",
    required: false,
    description: "An HTTP date: 304 unless the item changed after it",
    schema: { type: "string" },
  },
};

const HEADERS: Record<string, Json> = {
  ETag: { description: "The item's `_etag`, quoted", schema: { type: "string" } },
  Location: { description: "URL of the new item", schema: { type: "string" } },
  XTotalCount: { description: "How many items match", schema: { type: "integer" } },
  LastModified: { description: "HTTP date of the latest change", schema: { type: "string" } },
};
