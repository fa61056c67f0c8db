/** The API reference's description of `POST /api/prepopulate` (`prepopulate_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { profileNames } from "./sample_profile.ts";

/** Path item of the prepopulate route (testing mode only). */
export const PREPOPULATE_PATHS: OpenApiPaths = {
  "/prepopulate": {
    post: {
      tags: ["Testing"],
      operationId: "prepopulate",
      summary: "Erase the data and load sample data (SUPERDESK_TESTING only)",
      description: "Erases every document, search entry and waiting task unless `remove_first` " +
        "is false, then loads app:initialize_data's reference data, the test user and the " +
        "profile's sample data. Other requests meanwhile get 503 with Retry-After.",
      security: [],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                remove_first: { type: "boolean", default: true },
                profile: { type: "string", enum: profileNames() },
              },
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        "201": { description: "Done: Eve's envelope of the id `OK`" },
        ...errorResponses(400, 409, 503),
      },
    },
  },
};
