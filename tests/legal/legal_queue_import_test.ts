/**
 * The legal archive's copy of publish queue entries: kept for good and readable with the
 * `legal_archive` privilege alone, so it holds no destination secret (passwords, tokens), and
 * importing twice copies each entry once.
 */
import assert from "node:assert/strict";
import { importQueueEntries } from "../../src/legal/legal_import.ts";
import { newObjectId } from "../../src/resources/ids.ts";
import { legalTest } from "./_legal_app.ts";

legalTest("the legal queue copy keeps no destination secret, and each entry once", async (app) => {
  const registry = app.platform.registry;
  const id = newObjectId();
  await app.platform.documents.collection("publish_queue").insertMany([{
    _id: id,
    item_id: "urn:item:1",
    item_version: 1,
    subscriber_id: newObjectId(),
    state: "success",
    moved_to_legal: false,
    _etag: "e1",
    _created: new Date(),
    _updated: new Date(),
    destination: {
      _id: newObjectId(),
      name: "FTP",
      format: "ninjs",
      delivery_type: "ftp",
      config: { host: "ftp.example.com", username: "u", password: "hunter2", apiKey: "k" },
    },
  }]);
  assert.equal(await importQueueEntries(registry), 1);
  assert.equal(await importQueueEntries(registry), 0);
  const legal = app.platform.documents.collection("legal_publish_queue");
  assert.equal(await legal.count({}), 1);
  const copy = await legal.findOne({ _id: id });
  const config = (copy?.destination as { config?: Record<string, unknown> }).config;
  assert.deepEqual(config, { host: "ftp.example.com", username: "u" });
  assert.equal(copy?.subscriber_id, "Deleted Subscriber");
});
