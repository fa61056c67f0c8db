/**
 * Resolves the caller from the `Authorization` header (Superdesk's `Basic base64(token:)` or
 * `Bearer token`) into an `Actor` on the context. It never rejects by itself: each route decides
 * whether its method is public, so the 401 carries Superdesk's `{"_issues": {"auth": 1}}`.
 */
import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";

/** Variables this middleware sets. */
export interface AuthVariables {
  actor?: Actor;
}

/** Turns a session token into an actor, or null when the token is unknown or expired. */
export type Authenticator = (token: string) => Promise<Actor | null>;

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

/** Creates the middleware. */
export function authenticate(
  { authenticator }: { authenticator: Authenticator },
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function authenticateMiddleware(c, next) {
    const token = tokenFromHeader(c.req.header("authorization"));
    if (token) c.set("actor", (await authenticator(token)) ?? undefined);
    await next();
  };
}

/** The actor, or a 401 with Superdesk's body when there is none. */
export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) {
    throw new UnauthorizedError("Please provide proper credentials", { issues: { auth: 1 } });
  }
  return actor;
}
