/**
 * The scenario library's publishing steps (`publish_tasks.ts`): a publish request has routed the
 * item when it answers, `we transmit items` sends the due entries, and a schedule that lapses is
 * fired by the next `we enqueue published`.
 */
import assert from "node:assert/strict";
import type { Notification } from "../../src/notify/notification.ts";
import { onEachEngine, withEngineApp } from "../_engine_app.ts";
import { Collector } from "../notify/_collect.ts";
import { SCENARIO_ENV } from "./feature.ts";
import { Scenario } from "./scenario.ts";

/** A desk, a text item on it, a product and a subscriber writing files into `dir`. */
async function setUp(s: Scenario, dir: string): Promise<void> {
  await s.given("desks", `[{"name": "Sports"}]`);
  await s.given(
    "archive",
    `[{"_id": "123", "guid": "123", "type": "text", "headline": "test", "state": "fetched", "body_html": "<p>x</p>",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
  );
  await s.postWithSuccess("/products", `{"name": "prod-1", "product_type": "both"}`);
  await s.postWithSuccess(
    "/subscribers",
    `{"name": "Files", "subscriber_type": "digital", "email": "test@test.com", "is_active": true,
      "sequence_num_settings": {"min": 1, "max": 10}, "products": ["#products._id#"],
      "destinations": [{"name": "dir", "format": "nitf", "delivery_type": "File",
        "config": {"file_path": "${dir}"}}]}`,
  );
}

function stepsTest(title: string, fn: (s: Scenario, dir: string) => Promise<void>) {
  onEachEngine(`scenario publishing steps: ${title}`, async (engine) => {
    const dir = await Deno.makeTempDir({ prefix: "scenario_publish_" });
    try {
      await withEngineApp(engine, async (app) => {
        const s = new Scenario(app, new Collector<Notification>());
        await s.login();
        await setUp(s, dir);
        await fn(s, dir);
      }, { env: { ...SCENARIO_ENV } });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

stepsTest("a publish has queued the item when it answers; transmit sends it", async (s, dir) => {
  await s.publish("123", "publish", "published");
  s.ok(`{"state": "published"}`);
  await s.get("/publish_queue");
  s.list(1, `{"_items": [{"item_id": "123", "state": "pending"}]}`);
  assert.deepEqual([...Deno.readDirSync(dir)], []);
  await s.transmitItems();
  await s.get("/publish_queue");
  s.list(1, `{"_items": [{"item_id": "123", "state": "success"}]}`);
  assert.equal([...Deno.readDirSync(dir)].length, 1);
});

stepsTest("a lapsed schedule is fired by the next enqueue", async (s) => {
  const later = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19) + "+0000";
  await s.publish("123", "publish", "published", `{"publish_schedule": "${later}"}`);
  s.ok(`{"state": "scheduled"}`);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(0);
  await s.publishScheduleLapses(`["123"]`);
  await s.get("/publish_queue");
  s.list(0);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(1, `{"_items": [{"item_id": "123", "state": "pending"}]}`);
  await s.get("/archive/123");
  s.ok(`{"state": "published"}`);
});
