/** The API reference's description of `GET /locales/timezones` (`locales_routes.ts`). */
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";

const ZONE = {
  type: "object",
  properties: {
    id: { type: "string", description: "The IANA zone, e.g. America/Edmonton" },
    name: { type: "string", description: "Its generic name, e.g. Mountain Time" },
    location: { type: "string", description: "Where it is, e.g. Canada (Edmonton) Time" },
  },
  required: ["id", "name", "location"],
};

/** Path items of the locale routes. */
export const LOCALES_PATHS: OpenApiPaths = {
  "/locales/timezones": {
    get: {
      tags: ["Locales"],
      operationId: "listTimezones",
      summary: "List time zones",
      description: "Every zone, named in the caller's language.",
      responses: {
        "200": {
          description: "The time zones",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { timezones: { type: "array", items: ZONE } },
                required: ["timezones"],
              },
            },
          },
        },
      },
    },
  },
};
