/**
 * The API's error answers in the OpenAPI document: the JSON envelope (`Error`), one response
 * component per status (its `_error.code` and `internal_error` pinned to the status), and the statuses an operation
 * can answer by its shape alone (a body, parameters, a session, `If-Match`), which the document
 * adds to every operation, generated or described by a module. A module lists only what its
 * handler adds on top (`errorResponses(403, 409)`).
 */
import type { Json } from "./resource_schemas.ts";

/** Every error status the API answers, with its component name and what it means here. */
const STATUSES = {
  400: {
    name: "BadRequest",
    description: "Bad request: the body, a parameter or a header is invalid (`_issues` names " +
      "the fields)",
  },
  401: { name: "Unauthorized", description: "No valid session token" },
  403: { name: "Forbidden", description: "The caller may not do this (`_issues.privilege`)" },
  404: { name: "NotFound", description: "No such item or URL" },
  405: {
    name: "MethodNotAllowed",
    description: "The path exists for other methods only (`Allow` lists them)",
  },
  408: { name: "RequestTimeout", description: "The body arrived too slowly" },
  409: {
    name: "Conflict",
    description: "Conflicts with the stored state (a unique value, a lock)",
  },
  412: { name: "PreconditionFailed", description: "`If-Match` is not the item's current `_etag`" },
  413: { name: "ContentTooLarge", description: "The body is larger than the limit" },
  414: { name: "UriTooLong", description: "The URL is longer than the limit" },
  428: { name: "PreconditionRequired", description: "`If-Match` is missing" },
  429: { name: "TooManyRequests", description: "Too many attempts; retry after `Retry-After`" },
  503: {
    name: "ServiceUnavailable",
    description: "A storage engine is unreachable or the server is stopping; retry later",
  },
} satisfies Record<number, { name: string; description: string }>;

/** The statuses `errorResponses` accepts. */
export type ErrorStatus = keyof typeof STATUSES;

/** `{"404": {$ref: NotFound}, ...}` for an operation's `responses`. */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, Json> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { $ref: `#/components/responses/${STATUSES[status]!.name}` },
    ]),
  );
}

/** The `Error` schema and one response component per status. */
export function errorComponents(): {
  schemas: Record<string, Json>;
  responses: Record<string, Json>;
} {
  const responses: Record<string, Json> = {};
  for (const [status, { name, description }] of Object.entries(STATUSES)) {
    const retry = status === "429" || status === "503";
    responses[name] = {
      description,
      ...(retry ? { headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } } : {}),
      ...(status === "405" ? { headers: { Allow: { $ref: "#/components/headers/Allow" } } } : {}),
      content: {
        "application/json": {
          schema: {
            allOf: [{ $ref: "#/components/schemas/Error" }],
            properties: {
              _error: { properties: { code: { const: Number(status) } } },
              internal_error: { const: Number(status) },
            },
          },
        },
      },
    };
  }
  // Any error, for operations that declare a range (`"4XX"`) instead of statuses.
  responses.Error = {
    description: "Error: the JSON envelope (`_issues` names the fields of a bad request)",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  return { schemas: { Error: ERROR }, responses };
}

const WRITES = ["post", "put", "patch", "delete"];

/**
 * The statuses `operation` (`method` on `path`) can answer whatever its handler does: 414 and
 * 503 always; 401 with a session; 400, 408 and 413 with a body; 400 with query or header
 * parameters; 404 with path parameters; 400, 403, 404 and 409 for a write (services refuse
 * writes by rule, privilege, a missing referenced document and stored state); 412 and 428 with `If-Match`; 405 when another method
 * on the path takes other path parameter values (`/users/admin`: GET by name, no PATCH).
 * `shared` holds the parameters operations refer to (`#/components/parameters/<name>`);
 * `siblings` the other operations of the path.
 */
export function shapeStatuses(
  method: string,
  path: string,
  { operation, shared, siblings }: {
    operation: Json;
    shared: Record<string, Json>;
    siblings: Json[];
  },
): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([414, 503]);
  const secured = !Array.isArray(operation.security) || operation.security.length > 0;
  const resolve = (of: Json) =>
    ((of.parameters ?? []) as Json[]).map((parameter) =>
      typeof parameter.$ref === "string"
        ? shared[parameter.$ref.slice("#/components/parameters/".length)] ?? {}
        : parameter
    );
  const parameters = resolve(operation);
  const pathValues = (of: Json[]) =>
    JSON.stringify(of.filter((p) => p.in === "path").map((p) => (p.schema as Json)?.pattern));
  const located = (place: string) => parameters.some((parameter) => parameter.in === place);
  if (secured) statuses.add(401);
  if (operation.requestBody) statuses.add(400).add(408).add(413);
  if (located("query") || located("header")) statuses.add(400);
  if (path.includes("{")) statuses.add(404);
  if (siblings.some((sibling) => pathValues(resolve(sibling)) !== pathValues(parameters))) {
    statuses.add(405);
  }
  if (WRITES.includes(method)) {
    // 404 too: a body may name another document that does not exist (a template, an item).
    statuses.add(400).add(404).add(409);
    if (secured) statuses.add(403);
  }
  if (parameters.some((parameter) => parameter.in === "header" && parameter.name === "If-Match")) {
    statuses.add(412).add(428);
  }
  return [...statuses].sort();
}

const ERROR: Json = {
  type: "object",
  title: "Error",
  properties: {
    _status: { const: "ERR" },
    _message: { type: "string", description: "What could not be done, and why" },
    _error: {
      type: "object",
      properties: { code: { type: "integer" }, message: { type: "string" } },
      required: ["code", "message"],
    },
    _issues: {
      type: "object",
      description: "Problems by field name (or `privilege`, `auth`, `credentials`...)",
    },
    _items: {
      type: "array",
      description: "With a bulk create: each document's own result",
      items: { type: "object" },
    },
    internal_error: {
      type: "integer",
      description: "The status again (Superdesk's error handler)",
    },
  },
  required: ["_status", "_message", "_error", "internal_error"],
};
