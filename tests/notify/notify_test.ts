import { strict as assert } from "node:assert";
import { createLogger } from "../../src/log.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import { notify } from "../../src/notify/notify.ts";

Deno.test("notify publishes with filters and returns the notification", async () => {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  try {
    const filters = { include: { user: ["u1"] } };
    const sent = await notify(bus, "item:lock", { item: "i1" }, { filters, log: createLogger() });
    assert.equal(sent?.event, "item:lock");
    assert.deepEqual(sent?.filters, filters);
    assert.deepEqual((await bus.history("0-0")).events, [sent]);
  } finally {
    await bus.close();
  }
});

Deno.test("notify logs and swallows a bus failure instead of failing the caller", async () => {
  const records: Array<Record<string, unknown>> = [];
  const log = createLogger({ sink: (line) => records.push(JSON.parse(line)) });
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  await bus.close(); // a closed bus rejects every publish
  assert.equal(await notify(bus, "item:lock", {}, { log }), undefined);
  assert.equal(records.length, 1);
  assert.equal(records[0]!.level, "warn");
  assert.equal(records[0]!.event, "item:lock");
});

Deno.test("notify gives up waiting for a bus that does not answer, so the write goes on", async () => {
  const records: Array<Record<string, unknown>> = [];
  const log = createLogger({ sink: (line) => records.push(JSON.parse(line)) });
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  const hanging = { ...bus, publish: () => new Promise<never>(() => {}) };
  try {
    assert.equal(await notify(hanging, "item:lock", {}, { log, waitMs: 20 }), undefined);
    assert.equal(records[0]!.level, "warn");
    assert.match(String(records[0]!.msg), /not published in time/);
  } finally {
    await bus.close();
  }
});
