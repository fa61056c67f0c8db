/**
 * Resolves the caller from the `Authorization` header (Superdesk's `Basic base64(token:)` or
 * `Bearer token`) into an `Actor` on the context. It never rejects by itself: each route decides
 * whether its method is public, so the 401 carries Superdesk's `{"_issues": {"auth": 1}}`.
 */
import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";
import { inRequestTrace, scopeFree } from "../request_trace.ts";

/** Variables this middleware sets. */
export interface AuthVariables {
  actor?: Actor;
}

/**
 * Turns a session token into an actor, or null when the token is unknown or expired. `known`,
 * when present, answers synchronously from what the authenticator already holds (undefined:
 * not held, ask).
 */
export type Authenticator = ((token: string) => Promise<Actor | null>) & {
  known?: (token: string) => Actor | undefined;
};

/** The token from `Authorization: Basic base64(token:)`, `Bearer <token>` or `Token <token>`. */
export function tokenFromHeader(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (/^basic$/i.test(scheme!)) {
    try {
      return atob(value).split(":")[0] || undefined;
    } catch {
      return undefined;
    }
  }
  return /^(bearer|token)$/i.test(scheme!) ? value : undefined;
}

/** Authorization values whose token `authenticate` remembers. */
const MAX_CACHED_HEADERS = 1000;

/** Creates the middleware. */
export function authenticate(
  { authenticator }: { authenticator: Authenticator },
): MiddlewareHandler<{ Variables: AuthVariables }> {
  // The token of each recent Authorization value (a client sends the same one every time).
  const tokens = new Map<string, string | undefined>();
  const tokenOf = (header: string | undefined) => {
    if (header === undefined) return undefined;
    if (tokens.has(header)) return tokens.get(header);
    if (tokens.size >= MAX_CACHED_HEADERS) tokens.clear();
    const token = tokenFromHeader(header);
    tokens.set(header, token);
    return token;
  };
  const known = authenticator.known;
  // Not async: a request without a token, or with one the authenticator holds, awaits nothing
  // here and returns `next()`'s promise.
  // `scopeFree`: a lookup (which may end an expired session, and announce it) runs in the trace.
  return scopeFree<MiddlewareHandler<{ Variables: AuthVariables }>>(
    function authenticateMiddleware(c, next) {
      const token = tokenOf(c.req.raw.headers.get("authorization") ?? undefined);
      if (!token) return next();
      const actor = known?.(token);
      if (actor !== undefined) {
        c.set("actor", actor);
        return next();
      }
      return inRequestTrace(c, () => authenticator(token)).then((found) => {
        c.set("actor", found ?? undefined);
        return next();
      });
    },
  );
}

/** The actor, or a 401 with Superdesk's body when there is none. */
export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) {
    throw new UnauthorizedError("Please provide proper credentials", { issues: { auth: 1 } });
  }
  return actor;
}
