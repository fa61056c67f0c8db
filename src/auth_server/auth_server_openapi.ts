/** The API reference's description of `POST /api/auth_server/token` (`token_route.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { AUTH_SERVER_SCOPES } from "./auth_server_scopes.ts";
import { TOKEN_PATH } from "./token_route.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** RFC 6749 §5.2's error answer. */
const OAUTH_ERROR = jsonContent({
  type: "object",
  properties: { error: { type: "string" }, error_description: { type: "string" } },
  required: ["error"],
});

const FORM = {
  type: "object",
  properties: {
    grant_type: { type: "string", enum: ["client_credentials"] },
    scope: {
      type: "string",
      description: `Space-separated subset of the client's scopes (${
        AUTH_SERVER_SCOPES.join(", ")
      }); default: all of them`,
    },
  },
  required: ["grant_type"],
};

/** Path item of the token endpoint. */
export const AUTH_SERVER_PATHS: OpenApiPaths = {
  [TOKEN_PATH]: {
    post: {
      tags: ["Authentication"],
      operationId: "issueAuthServerToken",
      summary: "Issue an access token to an authorization-server client",
      description: "OAuth 2.0 client credentials grant: the client's id and secret in HTTP " +
        "Basic, `grant_type=client_credentials` in a form. The token is a JWT signed (HS256) " +
        "with `AUTH_SERVER_SHARED_SECRET` for resource servers such as Superdesk's production " +
        "API; it is not a session of this API. Failed authentications are rate-limited as " +
        "logins.",
      security: [],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": { schema: FORM },
          "multipart/form-data": { schema: FORM },
        },
      },
      responses: {
        "200": {
          description: "The access token",
          ...jsonContent({
            type: "object",
            properties: {
              access_token: { type: "string" },
              token_type: { type: "string", enum: ["Bearer"] },
              expires_in: { type: "integer" },
              scope: { type: "string" },
            },
            required: ["access_token", "token_type", "expires_in", "scope"],
          }),
        },
        "400": {
          description: "`invalid_request`, `unsupported_grant_type` or `invalid_scope`",
          ...OAUTH_ERROR,
        },
        "401": {
          description: "`invalid_client`: no, an unknown or a wrong credential",
          ...OAUTH_ERROR,
        },
        "429": {
          description: "`slow_down`: too many failed attempts; retry after `Retry-After`",
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
          ...OAUTH_ERROR,
        },
        ...errorResponses(408, 413, 503),
      },
    },
  },
};
