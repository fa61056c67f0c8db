/**
 * The OpenAPI 3.1 document of `/api`, derived from the registered resource definitions (see
 * `resource_paths.ts`, `resource_schemas.ts`) plus the path items modules describe for the
 * routes they add (login, domain actions). Shared parameters, headers and the error answers are
 * components here, so every operation refers to one definition; every operation lists the
 * error statuses its shape implies (`error_responses.ts`) besides those it declares. The
 * parameter schemas use the patterns the server checks with, so the document refuses exactly
 * what the server refuses.
 */
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import { MAX_PAGE, SORT_PATTERN } from "../resources/parse_list_query.ts";
import { VERSION_PATTERN } from "../resources/version_routes.ts";
import { docNouns } from "./doc_nouns.ts";
import { errorComponents, errorResponses, shapeStatuses } from "./error_responses.ts";
import { resourcePaths, tagName } from "./resource_paths.ts";
import { type Json, LINK, resourceSchemas } from "./resource_schemas.ts";
import { jsonContent } from "./json_content.ts";

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
  const errors = errorComponents();
  const paths: Json = { "/": HOME };
  for (const more of extraPaths) mergePaths(paths, more);
  const schemas: Json = {};
  for (const definition of definitions) {
    Object.assign(schemas, resourceSchemas(definition));
    mergePaths(paths, resourcePaths(definition));
  }
  addShapeStatuses(paths);
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
        'an empty password (or as a Bearer token). Errors are JSON: `{_status: "ERR", ' +
        "_message, _error: {code, message}, _issues, internal_error}` (`internal_error` and " +
        "`code`: the status). A path asked with a method it does not " +
        "serve answers 405 with `Allow`; `OPTIONS` answers `Allow`.",
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
      schemas: { ...schemas, ...errors.schemas, ListMeta: LIST_META },
      responses: errors.responses,
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

/** Adds to each operation the error statuses its shape implies, unless it declares them. */
function addShapeStatuses(paths: Json) {
  for (const [path, item] of Object.entries(paths)) {
    const operations = Object.entries(item as Record<string, Json>);
    for (const [method, operation] of operations) {
      const siblings = operations.filter(([other]) => other !== method).map(([, op]) => op);
      const statuses = shapeStatuses(method, path, { operation, shared: PARAMETERS, siblings });
      const implied = errorResponses(...statuses);
      operation.responses = { ...implied, ...(operation.responses as Json) };
    }
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

/** A query parameter holding a JSON object. */
const jsonQuery = (name: string, description: string): Json => ({
  name,
  in: "query",
  required: false,
  description,
  ...jsonContent({ type: "object" }),
});

const ETAG_HEADER = (required: boolean, description: string): Json => ({
  name: "If-Match",
  in: "header",
  required,
  description,
  schema: { type: "string" },
});

const PARAMETERS: Record<string, Json> = {
  where: jsonQuery("where", 'A MongoDB query, e.g. `{"username": "admin"}`'),
  sort: query("sort", '`field,-other`, or `[("field", -1)]`', {
    type: "string",
    pattern: SORT_PATTERN,
  }),
  page: query(
    "page",
    "Page number, from 1 (as Eve: a negative number counts as its absolute value; 0 or a " +
      "value that is not a number as 1)",
    { type: "integer", minimum: -MAX_PAGE, maximum: MAX_PAGE },
  ),
  max_results: query(
    "max_results",
    "Page size (up to the resource's limit; 0, less or a value that is not a number means " +
      "the default)",
    { type: "integer" },
  ),
  projection: jsonQuery("projection", 'Fields to show (1) or hide (0), e.g. `{"username": 1}`'),
  embedded: jsonQuery("embedded", 'Relations to expand, e.g. `{"role": 1}`'),
  q: query(
    "q",
    "Full-text query (a lenient `query_string` over every field, as Superdesk's Eve-Elastic)",
  ),
  df: query("df", "The one field `q` searches (a quoted `q` is then a phrase on it)"),
  default_operator: query(
    "default_operator",
    "How the words of `q` combine: `OR` (default) or `AND`",
    {
      type: "string",
      pattern: "^([Aa][Nn][Dd]|[Oo][Rr])$",
    },
  ),
  cursor: query("cursor", "Keyset paging: empty for the first page, then `_meta.next_cursor`"),
  version: query("version", "A version number, `all` or `diffs`", {
    type: "string",
    pattern: VERSION_PATTERN,
  }),
  IfMatch: ETAG_HEADER(true, "The item's current `_etag` (428 without it, 412 when it changed)"),
  IfMatchWhenExists: ETAG_HEADER(
    false,
    "The item's current `_etag`, needed when the item exists (428 without it, 412 when it " +
      "changed)",
  ),
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
    description: "An HTTP date: 304 unless the item changed after it (ignored when not a date)",
    schema: { type: "string" },
  },
};

const HEADERS: Record<string, Json> = {
  ETag: { description: "The item's `_etag`, quoted", schema: { type: "string" } },
  Location: { description: "URL of the new item", schema: { type: "string" } },
  XTotalCount: { description: "How many items match", schema: { type: "integer" } },
  LastModified: { description: "HTTP date of the latest change", schema: { type: "string" } },
  RetryAfter: { description: "Seconds to wait before retrying", schema: { type: "integer" } },
  Allow: {
    description: "The methods the path serves",
    required: true,
    schema: { type: "string" },
  },
};
