/** The API reference's description of the locator URLs (`locator_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LIST_PARAMETER_REFS } from "../http/openapi/resource_paths.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { citiesResource } from "./cities.ts";
import { LOCATOR_CODE } from "./locator_routes.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const cities = schemaNames(citiesResource);
const LIST = {
  description: "A page of cities",
  ...jsonContent({ $ref: `#/components/schemas/${cities.list}` }),
};
const code = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", pattern: `^${LOCATOR_CODE}$` },
});

/** Path items of the locator URLs. */
export const LOCATOR_PATHS: OpenApiPaths = {
  "/country/{country}": {
    get: {
      tags: ["Cities"],
      operationId: "listCountryCities",
      summary: "List a country's cities",
      description: "By state, then city.",
      parameters: [code("country", "The country's code (e.g. AU)"), ...LIST_PARAMETER_REFS],
      responses: { "200": LIST, ...errorResponses(400) },
    },
  },
  "/country/{country}/state/{state}": {
    get: {
      tags: ["Cities"],
      operationId: "listStateCities",
      summary: "List a state's cities",
      description: "By city.",
      parameters: [
        code("country", "The country's code (e.g. AU)"),
        code("state", "The state's code (e.g. NSW)"),
        ...LIST_PARAMETER_REFS,
      ],
      responses: { "200": LIST, ...errorResponses(400) },
    },
  },
};
