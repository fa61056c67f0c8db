/**
 * The store collection behind a `login_rate_limiter.ts` limiter: one counter document per key
 * per window, removed once `expires` has passed. Not routed. A login guard over such a
 * collection takes the configured login limits, wherever credentials are checked (logins, the
 * authorization server's client secrets).
 */
import { Type } from "@sinclair/typebox";
import type { Config } from "../config/config.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { Collection } from "../storage/document_store.ts";
import { createLoginGuard, type LoginGuard } from "./login_guard.ts";
import { createLoginRateLimiter } from "./login_rate_limiter.ts";

/** A collection of rate-limit counters named `name`. */
export function rateLimitCountersResource(name: string) {
  return defineResource({
    name,
    schema: Type.Object({
      window: Type.Optional(Type.Integer()),
      count: Type.Optional(Type.Integer()),
      expires: Type.Integer(),
    }),
    internal: true,
    indexes: [{ name: "expires", keys: { expires: 1 } }],
  });
}

/** The login limits of `config` (`LOGIN_*` settings) kept in `counters`. */
export function configuredLoginGuard(
  counters: Collection,
  config: Pick<
    Config,
    "loginRateLimitPerMinute" | "loginAddressLimitPerMinute" | "loginUserLimitPerHour"
  >,
): LoginGuard {
  const limiter = createLoginRateLimiter(counters, { limit: config.loginRateLimitPerMinute });
  return createLoginGuard(limiter, counters, {
    perAddressAndUser: config.loginRateLimitPerMinute,
    perAddress: config.loginAddressLimitPerMinute,
    perUserFromUnknownAddresses: config.loginUserLimitPerHour,
  });
}
