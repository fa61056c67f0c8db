/**
 * The API reference's description of a show's rundown templates (`templates_routes.ts`).
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LIST_PARAMETER_REFS } from "../http/openapi/resource_paths.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Rundowns"];
/** A template as stored (the fields of `rundown_templates_resource.ts`) with Eve's meta fields. */
const TEMPLATE = {
  type: "object",
  required: ["_id", "title", "show"],
  properties: {
    _id: { type: "string" },
    title: { type: "string" },
    show: { type: "string" },
    _etag: { type: "string" },
  },
};
const LIST = {
  type: "object",
  required: ["_items"],
  properties: { _items: { type: "array", items: TEMPLATE }, _meta: { type: "object" } },
};
const id = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", pattern: "^[a-f0-9]{24}$" },
});
const SHOW = id("show", "The show's id");
const BODY = { required: true, ...jsonContent({ type: "object" }) };

/** Path items of the templates routes. */
export const TEMPLATES_PATHS: OpenApiPaths = {
  "/shows/{show}/templates": {
    get: {
      tags: TAGS,
      operationId: "listRundownTemplates",
      summary: "List a show's rundown templates",
      parameters: [SHOW, ...LIST_PARAMETER_REFS],
      responses: {
        "200": { description: "A page of templates", ...jsonContent(LIST) },
        ...errorResponses(400, 401),
      },
    },
    post: {
      tags: TAGS,
      operationId: "createRundownTemplate",
      summary: "Create a rundown template of a show",
      description: "Its schedule (`scheduled_on`, `autocreate_on`) and its items' technical " +
        "titles are computed.",
      parameters: [SHOW],
      requestBody: BODY,
      responses: {
        "201": { description: "The template", ...jsonContent(TEMPLATE) },
        ...errorResponses(400, 401, 403),
      },
    },
  },
  "/shows/{show}/templates/{id}": {
    get: {
      tags: TAGS,
      operationId: "getRundownTemplate",
      summary: "Get a rundown template",
      parameters: [SHOW, id("id", "The template's id")],
      responses: {
        "200": { description: "The template", ...jsonContent(TEMPLATE) },
        ...errorResponses(401, 404),
      },
    },
    patch: {
      tags: TAGS,
      operationId: "updateRundownTemplate",
      summary: "Update a rundown template",
      parameters: [SHOW, id("id", "The template's id")],
      requestBody: BODY,
      responses: {
        "200": { description: "The template", ...jsonContent(TEMPLATE) },
        ...errorResponses(400, 401, 403, 404, 412, 428),
      },
    },
    delete: {
      tags: TAGS,
      operationId: "deleteRundownTemplate",
      summary: "Delete a rundown template",
      parameters: [SHOW, id("id", "The template's id")],
      responses: { "204": { description: "Deleted" }, ...errorResponses(401, 403, 404, 412, 428) },
    },
  },
};
