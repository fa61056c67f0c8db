/**
 * The store collection behind a `login_rate_limiter.ts` limiter: one counter document per key
 * per window, removed once `expires` has passed. Not routed.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";

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
