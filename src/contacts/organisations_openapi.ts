/**
 * The API reference's description of the organisation search (`organisations_routes.ts`).
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LIST_PARAMETER_REFS } from "../http/openapi/resource_paths.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { contactsResource } from "./contacts_resource.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const contacts = schemaNames(contactsResource);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const TAGS = ["Contacts"];

/** Path items of the organisation search. */
export const ORGANISATIONS_PATHS: OpenApiPaths = {
  "/contacts/organisations": {
    get: {
      tags: TAGS,
      operationId: "searchContactOrganisations",
      summary: "Search organisations",
      description: "Contacts whose organisation has a word starting with each word of `q`, " +
        "active or not, one per organisation name.",
      parameters: LIST_PARAMETER_REFS,
      responses: {
        "200": { description: "A page of contacts", ...jsonContent(ref(contacts.list)) },
        ...errorResponses(400),
      },
    },
  },
  "/contacts/organisations/{id}": {
    get: {
      tags: TAGS,
      operationId: "getContactOrganisation",
      summary: "Get a contact of the organisation search",
      parameters: [{
        name: "id",
        in: "path",
        required: true,
        description: "The contact's id",
        schema: { type: "string", pattern: `^${contactsResource.itemUrl}$` },
      }],
      responses: {
        "200": { description: "The contact", ...jsonContent(ref(contacts.item)) },
        ...errorResponses(404),
      },
    },
  },
};
