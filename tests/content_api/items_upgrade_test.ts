/**
 * The content API's lists come from the search index, on both setups: a stored item is in the
 * next list, and items stored before `items` was indexed (an upgraded deployment) are missing
 * from the lists (not from item reads) until `index:check items` names them and
 * `index:rebuild items` copies them, as README's upgrade note says.
 */
import assert from "node:assert/strict";
import type { ItemsService } from "../../src/content_api/items_service.ts";
import { indexCheckCommand, indexRebuildCommand } from "../../src/indexing/index_commands.ts";
import { silentLogger } from "../../src/log.ts";
import { body } from "../newsroom/_newsroom.ts";
import { publishingTest } from "../publish/_publishing.ts";

publishingTest(
  "items are listed from the index; older ones once index:rebuild items ran",
  async (room) => {
    const { platform } = room.app;
    const api = await room.product({ product_type: "api" });
    const reader = await room.subscriber({ name: "Reader", api_products: [api._id] });
    const token = (await body(
      await room.editor.post("/api/subscriber_token", { subscriber: reader._id, expiry_days: 1 }),
      201,
    )).token;
    const consumer = (path: string) =>
      Promise.resolve(room.app.app.request(`/api/contentapi${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      }));
    const listed = async () =>
      (await body(await consumer("/items")))._items.map((item: { headline: string }) =>
        item.headline
      );

    const items = platform.registry.service<ItemsService>("items");
    const copy = (guid: string, headline: string) => ({ guid, type: "text", headline });
    await items.publishItems([{ copy: copy("old", "Stored before"), subscribers: [reader._id] }]);
    assert.deepEqual(await listed(), ["Stored before"], "a write is in the next list");

    // As a deployment from before the upgrade: stored, not indexed.
    await platform.search.remove("items", ["old"]);
    assert.deepEqual(await listed(), []);
    assert.equal((await body(await room.editor.get("/api/items")))._meta.total, 0);
    assert.equal((await body(await consumer("/items/old"))).headline, "Stored before");

    const context = {
      config: platform.config,
      log: silentLogger,
      services: () => Promise.resolve(platform.services),
    };
    const args = { flags: {}, positional: ["items"] };
    assert.equal(await indexCheckCommand.run(args, context), 1, "index:check names the drift");
    assert.equal(await indexRebuildCommand.run(args, context), 0);
    assert.equal(await indexCheckCommand.run(args, context), 0);
    assert.deepEqual(await listed(), ["Stored before"]);
    assert.equal((await body(await room.editor.get("/api/items?q=before")))._meta.total, 1);
  },
);
