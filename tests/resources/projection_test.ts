import assert from "node:assert/strict";
import { effectiveProjection } from "../../src/resources/projection.ts";

Deno.test("a client inclusion always keeps the meta fields", () => {
  const projection = effectiveProjection(undefined, { name: 1 });
  assert.equal(projection?.name, 1);
  assert.equal(projection?._etag, 1);
  assert.equal(projection?._id, 1);
});

Deno.test("an inclusive server projection cannot be widened by a client", () => {
  const projection = effectiveProjection({ name: 1 }, { secret: 1 });
  assert.equal(projection?.secret, undefined);
});

Deno.test("an exclusive server projection hides fields but never meta fields", () => {
  assert.deepEqual(effectiveProjection({ notes: 0 }, { _etag: 0 }), { notes: 0 });
  assert.equal(effectiveProjection(undefined, undefined), undefined);
});
