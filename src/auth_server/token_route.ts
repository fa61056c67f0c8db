/**
 * `POST /api/auth_server/token` (Superdesk's `TOKEN_ENDPOINT`): OAuth 2.0's client credentials
 * grant (RFC 6749 §4.4). The client authenticates with HTTP Basic (`client_secret_basic`, the
 * only method Superdesk allows), the body is a form with `grant_type=client_credentials` and
 * optionally `scope` (a space-separated subset of the client's scopes; Superdesk ignores it and
 * always grants them all). The answer is `{access_token, token_type: "Bearer", expires_in,
 * scope}`; errors are RFC 6749 §5.2's JSON `{error, error_description}`: `invalid_client` (401)
 * for a missing, unknown or wrong credential alike, `invalid_request`,
 * `unsupported_grant_type`, `invalid_scope` (400). Failed authentications are limited as logins
 * are (`login_guard.ts`): 429 `slow_down` with `Retry-After`. The grant itself is
 * `token_grant.ts`; this parses and renders.
 */
import { createRouter } from "../apps/app_routes.ts";
import { clientAddress } from "../auth/client_address.ts";
import type { ApiApp } from "../http/api_routes.ts";
import type { TokenGrant } from "./token_grant.ts";

/** Superdesk's path under `/api`. */
export const TOKEN_PATH = "/auth_server/token";

/** The router with the token endpoint. */
export function tokenRoute(tokens: TokenGrant): ApiApp {
  const routes = createRouter();
  routes.post(TOKEN_PATH, async (c) => {
    const form = await readForm(c.req.raw);
    const grantType = form?.get("grant_type");
    if (typeof grantType !== "string" || grantType === "") {
      return oauthError(400, "invalid_request", "grant_type is required, in a form body");
    }
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", "only client_credentials is supported");
    }
    const credentials = basicCredentials(c.req.header("authorization"));
    if (!credentials) return invalidClient();
    const asked = form!.get("scope");
    const outcome = await tokens.grant({
      clientId: credentials.id,
      secret: credentials.secret,
      address: clientAddress(c),
      scope: typeof asked === "string" && asked.trim() !== ""
        ? asked.trim().split(/\s+/)
        : undefined,
    });
    if ("access_token" in outcome) return tokenJson(200, { ...outcome });
    if (outcome.error === "invalid_client") return invalidClient();
    const response = oauthError(outcome.status, outcome.error, outcome.description ?? "");
    if (outcome.retryAfterSeconds !== undefined) {
      response.headers.set("Retry-After", String(outcome.retryAfterSeconds));
    }
    return response;
  });
  return routes;
}

/** The form of a urlencoded or multipart body; undefined for any other or a malformed one. */
async function readForm(request: Request): Promise<FormData | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    return undefined;
  }
  try {
    return await request.formData();
  } catch {
    return undefined;
  }
}

/**
 * Id and secret of `Authorization: Basic base64(id:secret)` (UTF-8), each percent-decoded as
 * Superdesk's Authlib does (RFC 6749 §2.3.1 has clients form-urlencode them; a `+` is kept, not
 * read as a space, so a client that sends a secret holding `+` unencoded, as Superdesk's own
 * tests do, still authenticates); undefined when the header is missing or malformed.
 */
export function basicCredentials(
  header: string | undefined,
): { id: string; secret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(match[1]!), (char) => char.charCodeAt(0));
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const id = formDecoded(decoded.slice(0, colon));
  const secret = formDecoded(decoded.slice(colon + 1));
  return id && secret ? { id: id.toLowerCase(), secret } : undefined;
}

function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The one answer to every failed client authentication. */
function invalidClient(): Response {
  const response = tokenJson(401, { error: "invalid_client" });
  response.headers.set("WWW-Authenticate", 'Basic realm="auth_server"');
  return response;
}

function oauthError(status: number, error: string, description: string): Response {
  return tokenJson(status, { error, error_description: description });
}

/** RFC 6749 §5.1: token answers, good or bad, are never cached. */
function tokenJson(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      Pragma: "no-cache",
    },
  });
}
