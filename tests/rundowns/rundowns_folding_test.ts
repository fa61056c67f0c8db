/**
 * Rundowns' and rundown items' titles are searched with their accents folded, as Superdesk maps
 * them (`metadata_schema["headline"]`: `html_field_analyzer`, which folds): `cafe` finds a rundown
 * titled `Café du matin`, `brulee` an item titled `Crème brûlée` (its technical title too), on
 * both setups.
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

const ENV = { INSTALLED_APPS: "src/rundowns/rundowns_app.ts", RUNDOWNS_TIMEZONE: "Europe/Prague" };

perEngineTest("rundowns: titles are found without their accents", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const [show] = await app.platform.registry.service("shows").create([{ title: "News" }]);
  const rundown = await (await admin.post("/api/rundowns", {
    show: show!._id,
    title: "Café du matin",
  })).json();
  const item = await admin.post("/api/rundown_items", {
    rundown: rundown._id,
    item_type: "text",
    title: "Crème brûlée",
  });
  assert.equal(item.status, 201);
  const ids = async (path: string) => {
    const answer = await admin.get(path);
    assert.equal(answer.status, 200);
    return (await answer.json())._items.map((i: { _id: string }) => i._id);
  };
  assert.deepEqual(await ids("/api/rundowns?q=cafe"), [rundown._id]);
  assert.deepEqual(await ids("/api/rundowns?q=café"), [rundown._id]);
  const itemId = (await item.json())._id;
  assert.deepEqual(await ids("/api/rundown_items?q=brulee"), [itemId]);
  assert.deepEqual(await ids(`/api/rundown_items?q=${"technical_title:CREME"}`), [itemId]);
}, { env: ENV });
