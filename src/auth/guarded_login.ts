/**
 * Runs a credentials check under the login guard (`login_guard.ts`): a 429 with `Retry-After`
 * when the guard refuses the attempt, else the attempt, whose failures stay counted and whose
 * success gives its counters back. Login, password changes and resets, and LDAP profile imports
 * all go through it.
 */
import type { Context } from "hono";
import { errorResponse } from "../http/error_body.ts";
import { clientAddress } from "./client_address.ts";
import type { LoginGuard } from "./login_guard.ts";

/** `attempt` for `username` from the request's client address, when `guard` admits it. */
export async function guardedLogin(
  guard: LoginGuard,
  { c, username }: { c: Context; username: string },
  attempt: () => Promise<Response>,
): Promise<Response> {
  const address = clientAddress(c);
  const admission = await guard.admit(username, address);
  const { refused } = admission;
  if (refused) {
    const response = errorResponse(429, "Too many login attempts; try again later");
    response.headers.set("Retry-After", String(refused.retryAfterSeconds));
    return response;
  }
  const response = await attempt();
  await guard.succeeded(username, address, admission);
  return response;
}
