/**
 * The OpenAPI 3.1 document, derived from the registered resource definitions (their TypeBox
 * schemas are JSON Schema already): every collection and item operation with its parameters,
 * request bodies, responses, privileges and security.
 */
import type { ResourceDefinition } from "../../resources/resource_definition.ts";
import type { ResourceRegistry } from "../../resources/resource_registry.ts";

type Json = Record<string, unknown>;

const META_PROPERTIES = {
  _id: { type: "string" },
  _created: { type: "string", description: "RFC 1123 date" },
  _updated: { type: "string", description: "RFC 1123 date" },
  _etag: { type: "string" },
};

const ERROR_RESPONSE = { $ref: "#/components/responses/Error" };

/** Builds the document for every routed resource of `registry`. */
export function openApiDocument(registry: ResourceRegistry, { version = "0.1.0" } = {}): Json {
  const paths: Json = {};
  const schemas: Json = {};
  for (const definition of registry.definitions().filter((d) => !d.internal)) {
    schemas[definition.name] = schemaOf(definition);
    Object.assign(paths, resourcePaths(definition));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Superdesk API",
      version,
      description: "Eve-compatible REST API of the Superdesk newsroom server.",
    },
    servers: [{ url: "/api" }],
    security: [{ sessionBasic: [] }, { sessionBearer: [] }],
    paths,
    components: {
      schemas: {
        ...schemas,
        Error: {
          type: "object",
          properties: {
            _status: { const: "ERR" },
            _error: {
              type: "object",
              properties: { code: { type: "integer" }, message: { type: "string" } },
            },
            _issues: { type: "object" },
          },
        },
      },
      responses: {
        Error: {
          description: "JSON error envelope",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
      securitySchemes: {
        sessionBasic: {
          type: "http",
          scheme: "basic",
          description: "Session token as the Basic user name, empty password (Superdesk client)",
        },
        sessionBearer: { type: "http", scheme: "bearer" },
      },
    },
  };
}

function schemaOf(definition: ResourceDefinition): Json {
  const schema = JSON.parse(JSON.stringify(definition.schema)) as Json;
  const properties = { ...(schema.properties as Json) };
  for (const field of definition.hiddenFields) {
    properties[field] = { ...(properties[field] as Json), writeOnly: true };
  }
  return { ...schema, properties: { ...properties, ...META_PROPERTIES } };
}

function resourcePaths(definition: ResourceDefinition): Json {
  const ref = { $ref: `#/components/schemas/${definition.name}` };
  const tags = [definition.name];
  const security = (method: string) =>
    definition.publicMethods.includes(method as never) ? { security: [] } : {};
  const privilege = (method: string) => {
    const name = definition.privileges[method as keyof typeof definition.privileges];
    return name ? { description: `Requires the "${name}" privilege.` } : {};
  };
  const op = (method: string, summary: string, extra: Json): Json => ({
    tags,
    summary,
    ...privilege(method),
    ...security(method),
    ...extra,
    responses: { ...(extra.responses as Json), "4XX": ERROR_RESPONSE, "5XX": ERROR_RESPONSE },
  });
  const collection: Json = {};
  if (definition.resourceMethods.includes("GET")) {
    collection.get = op("GET", `List ${definition.name}`, {
      parameters: LIST_PARAMETERS,
      responses: {
        "200": {
          description: "`_items`, `_links`, `_meta`",
          ...jsonContent({ type: "object", properties: { _items: { type: "array", items: ref } } }),
        },
      },
    });
  }
  if (definition.resourceMethods.includes("POST")) {
    collection.post = op("POST", `Create ${definition.name} (one object or a bulk array)`, {
      requestBody: jsonContent({ oneOf: [ref, { type: "array", items: ref }] }),
      responses: { "201": { description: "Created; `Location` names the first item" } },
    });
  }
  if (definition.resourceMethods.includes("DELETE")) {
    collection.delete = op("DELETE", `Delete every ${definition.name} item`, {
      responses: { "204": { description: "Deleted" } },
    });
  }
  const idParameter = {
    name: "id",
    in: "path",
    required: true,
    schema: { type: "string", pattern: `^${definition.itemUrl}$` },
  };
  const ifMatch = { name: "If-Match", in: "header", required: true, schema: { type: "string" } };
  const item: Json = { parameters: [idParameter] };
  if (definition.itemMethods.includes("GET")) {
    item.get = op("GET", `Get one ${definition.name} item`, {
      parameters: definition.versioning ? [VERSION_PARAMETER] : [],
      responses: {
        "200": { description: "The item", ...jsonContent(ref) },
        "304": { description: "Not modified" },
      },
    });
  }
  for (
    const [method, summary, code] of [["PATCH", "Update", "200"], [
      "PUT",
      "Replace (creates when missing)",
      "200",
    ], ["DELETE", "Delete", "204"]] as const
  ) {
    if (!definition.itemMethods.includes(method)) continue;
    item[method.toLowerCase()] = op(method, `${summary} one ${definition.name} item`, {
      parameters: [ifMatch],
      ...(method === "DELETE" ? {} : { requestBody: jsonContent(ref) }),
      responses: { [code]: { description: summary } },
    });
  }
  return { [`/${definition.url}`]: collection, [`/${definition.url}/{id}`]: item };
}

function jsonContent(schema: Json): Json {
  return { content: { "application/json": { schema } } };
}

const query = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

const LIST_PARAMETERS = [
  query("where", "MongoDB query as JSON (allow-listed operators)"),
  query("sort", '`field,-other` or `[("field", -1)]`'),
  query("page", "1-based page", { type: "integer", minimum: 1 }),
  query("max_results", "Page size", { type: "integer", minimum: 1 }),
  query("projection", 'JSON object of field → 0|1, e.g. `{"name": 1}`'),
  query("embedded", 'JSON object of relation → 1, e.g. `{"user": 1}`'),
  query("q", "Full-text query (search-backed resources)"),
];

const VERSION_PARAMETER = query("version", "A version number, `all` or `diffs`");
