/**
 * Queue entry ids derived from the copy (`enqueue_copy.ts`): the same copy, subscriber and
 * destination give the same id (routing a copy twice stores its entries once); a copy with an
 * ObjectId puts its time in front, so later seconds' entries sort after earlier ones, as new
 * ObjectIds do.
 */
import assert from "node:assert/strict";
import { derivedId } from "../../src/publish/enqueue_copy.ts";
import { newObjectId } from "../../src/resources/ids.ts";

Deno.test("derived entry ids: stable, distinct, and in the order of the seconds the copies were made in", () => {
  const subscriber = { _id: "s1" };
  const destination = { _id: "d1" };
  const copies = Array.from(
    { length: 300 },
    (_, i) => ({ _id: newObjectId(1_800_000_000_000 + i * 7) }),
  );
  const ids = copies.map((copy) => derivedId(copy, subscriber, destination));
  for (const id of ids) assert.match(id, /^[0-9a-f]{24}$/);
  assert.deepEqual(
    ids,
    copies.map((copy) => derivedId({ ...copy }, { ...subscriber }, destination)),
  );
  const seconds = ids.map((id) => id.slice(0, 8));
  assert.deepEqual([...seconds].sort(), seconds, "sorted by the second the copies were made");
  assert.equal(new Set(seconds).size, 3);
  assert.equal(ids[0]!.slice(0, 8), copies[0]!._id.slice(0, 8));
  const others = [
    derivedId(copies[0]!, { _id: "s2" }, destination),
    derivedId(copies[0]!, subscriber, { _id: "d2" }),
  ];
  assert.equal(new Set([ids[0], ...others]).size, 3);
  // Any other copy id: the hash alone.
  const odd = derivedId({ _id: "not-an-object-id" }, subscriber, destination);
  assert.match(odd, /^[0-9a-f]{24}$/);
  assert.equal(odd, derivedId({ _id: "not-an-object-id" }, subscriber, destination));
});
