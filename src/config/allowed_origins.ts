/**
 * Superdesk's `X_DOMAINS`: the browser origins allowed to use this server from another origin.
 * One setting for every cross-origin check: the `ws` role refuses WebSocket upgrades from other
 * origins (a page on a hostile site could otherwise open a socket with the user's cookies or
 * token and read the newsroom's events), and CORS for the REST API reads the same list.
 * Requests without an `Origin` header (non-browser clients) are not cross-origin and pass.
 */
import { ConfigError } from "../errors.ts";

/** `*` (any origin, Superdesk's own default) or the exact origins allowed. */
export type AllowedOrigins = "*" | readonly string[];

/**
 * The default: the Superdesk web client's development server (`grunt server`, port 9000).
 * Production sets `X_DOMAINS` to the client's real origin; `*` must be chosen explicitly.
 */
export const DEFAULT_X_DOMAINS = "http://localhost:9000,http://127.0.0.1:9000";

/** Parses `X_DOMAINS`: `*`, or a comma list of origins (`scheme://host[:port]`, no path). */
export function parseAllowedOrigins(value: string): AllowedOrigins {
  const text = value.trim();
  if (text === "*") return "*";
  const origins = text.split(",").map((part) => part.trim()).filter((part) => part !== "");
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) {
      throw new ConfigError(
        "X_DOMAINS",
        `expected "*" or a comma list of origins like https://superdesk.example.com, got "${origin}"`,
      );
    }
  }
  return Object.freeze(origins.map((origin) => new URL(origin).origin));
}

/** True when a request with this `Origin` header may proceed. */
export function isOriginAllowed(origin: string | null | undefined, allowed: AllowedOrigins) {
  if (origin === null || origin === undefined || allowed === "*") return true;
  return allowed.includes(origin.toLowerCase());
}
