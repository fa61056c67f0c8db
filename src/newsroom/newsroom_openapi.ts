/**
 * The API reference's description of the newsroom routes (`newsroom_routes.ts`): the item
 * actions (lock, unlock, move, spike, unspike), `POST /stages_order`, the per-user views and a
 * desk's members, overview and sluglines.
 */
import { errorResponses, type ErrorStatus } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LIST_PARAMETER_REFS } from "../http/openapi/resource_paths.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { archiveResource, ITEM_ID_PATTERN } from "./archive_resource.ts";
import { desksResource } from "./desks_resource.ts";
import { usersResource } from "../auth/users_resource.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const items = schemaNames(archiveResource);
const desks = schemaNames(desksResource);
const users = schemaNames(usersResource);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** The `{id}` path parameter of a content (or ingest) item: its guid. */
export function itemIdParameter(description = "The content item's guid") {
  return {
    name: "id",
    in: "path",
    required: true,
    description,
    schema: { type: "string", pattern: `^${ITEM_ID_PATTERN}$` },
  };
}
const ITEM_ID = itemIdParameter();
const USER_ID = {
  name: "user",
  in: "path",
  required: true,
  description: "The user's id",
  schema: { type: "string", pattern: "^[a-f0-9]{24}$" },
};
const IF_MATCH = { $ref: "#/components/parameters/IfMatch" };
const DESK_ID = {
  name: "desk",
  in: "path",
  required: true,
  description: "The desk's id (`all` for every desk in an overview)",
  schema: { type: "string", pattern: "^([a-f0-9]{24}|all)$" },
};
/** A desk by id alone (its members, its sluglines). */
const ONE_DESK_ID = {
  ...DESK_ID,
  description: "The desk's id",
  schema: { type: "string", pattern: "^[a-f0-9]{24}$" },
};
const OVERVIEW = {
  description: "`stages`: `{stage, count}` per stage of items still in the workflow; " +
    "`users`: `{role, authors: {<user id>: {assigned, locked}}}` per role of the members",
  ...jsonContent({
    type: "object",
    properties: { _items: { type: "array", items: { type: "object" } } },
    required: ["_items"],
  }),
};

/** A desk's overview (`GET`, or `POST` with filters). */
function overview(operationId: string) {
  return {
    tags: ["Desks"],
    operationId,
    summary: "Count a desk's items per stage or per member",
    description: "Counts what the caller may see, on one desk or `all`.",
    parameters: [DESK_ID, {
      name: "kind",
      in: "path",
      required: true,
      schema: { enum: ["stages", "users"] },
    }],
    responses: { "200": OVERVIEW, ...errorResponses(403, 404) },
  };
}
const WRITTEN = {
  description: "The content item as it is now",
  headers: { ETag: { $ref: "#/components/headers/ETag" } },
  ...jsonContent(ref(items.written)),
};

/**
 * One content-item action; `errors` are the statuses it answers besides those its shape implies
 * (`error_responses.ts`).
 */
function action(
  operationId: string,
  summary: string,
  { description, body, parameters = [ITEM_ID], status = "201", response = WRITTEN, errors = [] }: {
    description: string;
    body?: Record<string, unknown>;
    parameters?: unknown[];
    status?: string;
    response?: unknown;
    errors?: ErrorStatus[];
  },
) {
  return {
    tags: ["Content items"],
    operationId,
    summary,
    description,
    parameters,
    ...(body ? { requestBody: { required: false, ...jsonContent(body) } } : {}),
    responses: { [status]: response, ...errorResponses(...errors) },
  };
}

/** Path items of the newsroom's own routes. */
export const NEWSROOM_PATHS: OpenApiPaths = {
  "/archive/{id}/lock": {
    post: action("lockContentItem", "Lock a content item", {
      description: "Locks the item for the caller's session (`lock_action`, `edit` by default). " +
        "Requires the `archive` privilege.",
      body: {
        type: "object",
        properties: {
          lock_action: {
            type: ["string", "null"],
            minLength: 1,
            description: "What the lock is for; `edit` when absent or null",
          },
        },
      },
    }),
  },
  "/archive/{id}/unlock": {
    post: action("unlockContentItem", "Unlock a content item", {
      description: "Releases the caller's lock; an unsaved new item is deleted instead.",
      response: {
        description: "The item, or `_deleted: true` when it was an unsaved new item",
        ...jsonContent({
          anyOf: [ref(items.written), {
            type: "object",
            properties: {
              _id: { type: "string" },
              _deleted: { const: true },
              _status: { const: "OK" },
            },
            required: ["_id", "_deleted"],
          }],
        }),
      },
    }),
  },
  "/archive/{id}/move": {
    post: action("moveContentItem", "Move a content item", {
      description: "Sends the item to a desk and stage (`task.desk`, `task.stage`), or without " +
        "`task` to the caller's personal space; a package with `allPackageItems` takes its items " +
        "along. The body may also be a one-element list. " +
        "Requires the `archive` privilege.",
      body: {
        type: "object",
        properties: {
          task: {
            type: "object",
            properties: { desk: { type: "string" }, stage: { type: "string" } },
            required: ["desk", "stage"],
          },
          allPackageItems: { type: "boolean" },
        },
      },
      errors: [412],
    }),
  },
  "/archive/spike/{id}": {
    patch: action("spikeContentItem", "Spike a content item", {
      description:
        "Moves the item to the spike (it expires later). Requires the `spike` privilege.",
      parameters: [ITEM_ID, IF_MATCH],
      status: "200",
    }),
  },
  "/archive/unspike/{id}": {
    patch: action("unspikeContentItem", "Unspike a content item", {
      description: "Takes the item out of the spike, to `task` or where it was. Requires the " +
        "`unspike` privilege.",
      parameters: [ITEM_ID, IF_MATCH],
      body: { type: "object", properties: { task: { type: "object" } } },
      status: "200",
    }),
  },
  "/stages_order": {
    post: {
      tags: ["Stages"],
      operationId: "orderStages",
      summary: "Order a desk's stages",
      description: "Requires the `desks` privilege.",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            desk: { type: "string" },
            stages: { type: "array", items: { type: "string" } },
          },
          required: ["desk", "stages"],
        }),
      },
      responses: {
        "201": {
          description: "The new order",
          ...jsonContent({
            type: "object",
            properties: {
              desk: { type: "string" },
              stages: { type: "array", items: { type: "string" } },
              _status: { const: "OK" },
            },
          }),
        },
        ...errorResponses(404),
      },
    },
  },
  "/users/{user}/desks": {
    get: {
      tags: ["Desks"],
      operationId: "listUserDesks",
      summary: "List a user's desks",
      parameters: [USER_ID, ...LIST_PARAMETER_REFS],
      responses: {
        "200": {
          description: "The desks the user is a member of",
          ...jsonContent(ref(desks.list)),
        },
      },
    },
  },
  "/desks/{desk}/users": {
    get: {
      tags: ["Desks"],
      operationId: "listDeskMembers",
      summary: "List a desk's members",
      parameters: [ONE_DESK_ID, { $ref: "#/components/parameters/where" }],
      responses: {
        "200": {
          description: "The desk's members (name, contact and role fields only)",
          ...jsonContent(ref(users.list)),
        },
        ...errorResponses(403, 404),
      },
    },
  },
  "/desks/{desk}/sluglines": {
    get: {
      tags: ["Desks"],
      operationId: "listDeskSluglines",
      summary: "List what a desk published in the last 24 hours, by place",
      description: "Sluglines and headlines of the desk's text stories published in the last " +
        "24 hours (latest copies), grouped by place: `Domestic`, then each `Rest Of World` " +
        "place; `old_sluglines` are the family's earlier sluglines, `-` a slugline shown before.",
      parameters: [ONE_DESK_ID],
      responses: {
        "200": {
          description: "`{place, items: [{name, slugline, headline, old_sluglines}]}` per place",
          ...jsonContent({
            type: "object",
            properties: { _items: { type: "array", items: { type: "object" } } },
            required: ["_items"],
          }),
        },
        ...errorResponses(403, 404),
      },
    },
  },
  "/archive_autocomplete": {
    get: {
      tags: ["Content items"],
      operationId: "listArchiveAutocomplete",
      summary: "Suggest values of a field from recently published items",
      description: "Distinct values of `field` (only `slugline`) among items published in " +
        "`language` within `ARCHIVE_AUTOCOMPLETE_DAYS`/`_HOURS`, with their counts, sorted by " +
        "value; `resources` (comma list) may only name `archive`. 404 unless " +
        "`ARCHIVE_AUTOCOMPLETE` is on.",
      parameters: [
        { name: "field", in: "query", schema: { type: "string", default: "slugline" } },
        { name: "language", in: "query", schema: { type: "string" } },
        { name: "resources", in: "query", schema: { type: "string" } },
      ],
      responses: {
        "200": {
          description: "`{value, count}` per distinct value",
          ...jsonContent({
            type: "object",
            properties: {
              _items: {
                type: "array",
                items: {
                  type: "object",
                  properties: { value: { type: "string" }, count: { type: "integer" } },
                  required: ["value", "count"],
                },
              },
            },
            required: ["_items"],
          }),
        },
        ...errorResponses(400, 404),
      },
    },
  },
  "/desks/{desk}/overview/{kind}": {
    get: overview("getDeskOverview"),
    post: {
      ...overview("filterDeskOverview"),
      description: "As GET, counting only items whose `slugline`, `headline` or `byline` match " +
        "one of the texts in `filters`. Requires the `desks` privilege.",
      requestBody: {
        required: false,
        ...jsonContent({
          type: "object",
          properties: {
            filters: {
              type: "object",
              properties: Object.fromEntries(
                ["slugline", "headline", "byline"].map((field) => [
                  field,
                  { type: "array", items: { type: "string" } },
                ]),
              ),
            },
          },
        }),
      },
      responses: { "201": OVERVIEW, ...errorResponses(403, 404) },
    },
  },
  "/users/{user}/content": {
    get: {
      tags: ["Content items"],
      operationId: "listUserContent",
      summary: "List a user's personal content",
      parameters: [USER_ID, ...LIST_PARAMETER_REFS],
      responses: {
        "200": {
          description: "Items in the user's personal space",
          ...jsonContent(ref(items.list)),
        },
      },
    },
  },
};
