/**
 * `IndexSpec.scalar` is checked against the resource schema: `defineResource` refuses a scalar
 * index on a path the schema lets hold an array (through an array, a union with one, an open
 * object, a record of unknown values or an unconstrained value).
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { mayHoldArray } from "../../src/resources/scalar_paths.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { Nullable } from "../../src/resources/schema/fields.ts";
import { publishQueueResource } from "../../src/publish/publish_queue_resource.ts";
import { publishedResource } from "../../src/publish/published_resource.ts";

const schema = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal("a"), Type.Literal("b")])),
  name: Type.Optional(Nullable(Type.String())),
  tags: Type.Optional(Type.Array(Type.String())),
  either: Type.Union([Type.String(), Type.Array(Type.String())]),
  closed: Type.Object({ id: Type.String() }, { additionalProperties: false }),
  open: Type.Object({ id: Type.String() }),
  strings: Type.Record(Type.String(), Type.String()),
  anything: Type.Record(Type.String(), Type.Unknown()),
  unknown: Type.Unknown(),
  list: Type.Array(Type.Object({ id: Type.String() })),
}, { additionalProperties: false });

Deno.test("scalar paths: which schema paths may hold an array", () => {
  const scalar = ["state", "name", "closed.id", "open.id", "strings.x", "_id", "_created"];
  const arrays = ["tags", "either", "open.other", "anything.x", "unknown", "unknown.x", "list.id"];
  for (const path of scalar) assert.equal(mayHoldArray(schema, path), false, path);
  for (const path of arrays) assert.equal(mayHoldArray(schema, path), true, path);
  // A path a closed object does not declare cannot exist; one an open root does not, may.
  assert.equal(mayHoldArray(schema, "closed.other"), false);
  assert.equal(mayHoldArray(Type.Object({ a: Type.String() }), "b"), true);
});

Deno.test("scalar paths: defineResource refuses a scalar index the schema does not back", () => {
  const input = (keys: Record<string, 1>) => ({
    name: "things",
    schema,
    indexes: [{ name: "i", keys, scalar: true }],
  });
  assert.ok(defineResource(input({ state: 1, "closed.id": 1 })));
  assert.throws(
    () => defineResource(input({ state: 1, tags: 1 })),
    /index "i" is declared scalar but the schema allows an array on "tags"/,
  );
  assert.throws(() => defineResource(input({ "anything.k": 1 })), /"anything\.k"/);
  // Not scalar, or dropped: no check.
  assert.ok(defineResource({ ...input({ tags: 1 }), indexes: [{ name: "i", keys: { tags: 1 } }] }));
  assert.ok(
    defineResource({
      ...input({ tags: 1 }),
      indexes: [{ name: "i", keys: { tags: 1 }, scalar: true, dropped: true }],
    }),
  );
  // The publishing resources' scalar indexes are backed by their schemas.
  assert.ok(publishQueueResource.indexes.some((index) => index.scalar));
  assert.ok(publishedResource.indexes.some((index) => index.scalar));
});
