/**
 * `POST /api/subscriber_token` refuses what it cannot store as a token: a subscriber that does
 * not exist (Superdesk's `Resource.rel("subscribers", required=True)`) and an `expiry_days` so
 * large that the expiry is no date, each with a 400 naming the field, and stores nothing.
 */
import assert from "node:assert/strict";
import { body, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "../publish/_publishing.ts";

publishingTest("POST /api/subscriber_token for an unknown subscriber answers 400", async (room) => {
  const error = await refused(
    await room.editor.post("/api/subscriber_token", { subscriber: "0".repeat(24) }),
    400,
  );
  assert.match(String(error._issues?.subscriber), /must exist in resource 'subscribers'/);
  const tokens = await body(await room.editor.get("/api/subscriber_token"));
  assert.equal(tokens._items.length, 0);
});

publishingTest("POST /api/subscriber_token with a huge expiry_days answers 400", async (room) => {
  const api = await room.product({ product_type: "api" });
  const reader = await room.subscriber({ name: "Reader", api_products: [api._id] });
  for (const expiry_days of [100_000_000, 2 ** 40, 1e15]) {
    const error = await refused(
      await room.editor.post("/api/subscriber_token", { subscriber: reader._id, expiry_days }),
      400,
    );
    assert.ok(error._issues?.expiry_days, JSON.stringify(error));
  }
  const made = await body(
    await room.editor.post("/api/subscriber_token", {
      subscriber: reader._id,
      expiry_days: 36_500,
    }),
    201,
  );
  assert.equal(new Date(made.expiry).getUTCFullYear() - new Date().getUTCFullYear() >= 99, true);
});
