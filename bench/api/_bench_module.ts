/**
 * The benchmark's resource, `bench_items`: shaped like Eve's test `contacts` (strings with
 * limits, an integer, a list, a nested object), with GET/POST on the collection and GET/PATCH
 * on items, a privilege on writes, no versioning and no unique field. `eve_app.py` declares the
 * same schema for Eve, and the raw servers store the same documents. `kind` tells seeded
 * documents from the ones the POST runs create (they are deleted after each run).
 */
import { Type } from "@sinclair/typebox";
import { defineApp, defineResource } from "../../src/app_api.ts";

/** The collection name, also the URL under `/api`, on every target. */
export const BENCH_RESOURCE = "bench_items";

/** The resource definition. */
export const benchItems = defineResource({
  name: BENCH_RESOURCE,
  schema: Type.Object({
    kind: Type.String(),
    ref: Type.String({ minLength: 5, maxLength: 25 }),
    name: Type.Optional(Type.String()),
    age: Type.Optional(Type.Integer({ minimum: 0 })),
    tags: Type.Optional(Type.Array(Type.String())),
    location: Type.Optional(
      Type.Object({ city: Type.Optional(Type.String()), street: Type.Optional(Type.String()) }, {
        additionalProperties: false,
      }),
    ),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  privileges: { POST: BENCH_RESOURCE, PATCH: BENCH_RESOURCE },
  indexes: [{ name: "kind", keys: { kind: 1 } }],
});

/** Registers `bench_items` with the plain resource service, and its privilege. */
export const benchModule = defineApp({
  name: "bench_api",
  register(app) {
    app.privileges({ name: BENCH_RESOURCE, label: "Benchmark items" });
    app.resource(benchItems);
  },
});

/** A document as every target stores it; `kind` is "seed" or "post". */
export function benchDocument(kind: "seed" | "post", n: number): Record<string, unknown> {
  return {
    kind,
    ref: `${kind}-${n}-${crypto.randomUUID().slice(0, 8)}`,
    name: `Contact ${n}`,
    age: n % 90,
    tags: ["news", `desk-${n % 7}`],
    location: { city: `City ${n % 50}`, street: `${n} Main Street` },
  };
}
