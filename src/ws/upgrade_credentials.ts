/**
 * Where a WebSocket client's session token comes from at upgrade: query parameter `token` (or
 * `session_token`), a `Sec-WebSocket-Protocol` entry `token.<token>` (browsers cannot set
 * headers on a WebSocket), or the REST API's `Authorization` header. A protocol must be echoed
 * back when the client offered any: the first offered entry that does not carry a token, else
 * the token entry itself.
 */
import { tokenFromHeader } from "../http/middleware/authenticate.ts";

/** The prefix of a `Sec-WebSocket-Protocol` entry that carries a session token. */
export const TOKEN_PROTOCOL_PREFIX = "token.";

/** The token found (if any) and the protocol to answer with (if the client offered any). */
export interface UpgradeCredentials {
  token?: string;
  protocol?: string;
}

/** Reads the credentials of an upgrade request. */
export function readUpgradeCredentials(request: Request): UpgradeCredentials {
  const url = new URL(request.url);
  const offered = (request.headers.get("sec-websocket-protocol") ?? "")
    .split(",").map((entry) => entry.trim()).filter(Boolean);
  const carrier = offered.find((entry) => entry.startsWith(TOKEN_PROTOCOL_PREFIX));
  const protocol = offered.find((entry) => !entry.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? carrier;
  const token = url.searchParams.get("token") || url.searchParams.get("session_token") ||
    carrier?.slice(TOKEN_PROTOCOL_PREFIX.length) ||
    tokenFromHeader(request.headers.get("authorization"));
  return { token: token || undefined, protocol };
}
