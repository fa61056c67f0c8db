import { strict as assert } from "node:assert";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { notificationBusContract } from "../contracts/notification_bus_contract.ts";
import { Collector, within } from "./_collect.ts";

notificationBusContract("memory bus", {
  create: ({ channel, historySize, historyMaxAgeMs }) =>
    Promise.resolve(
      createMemoryNotificationBus({ channelName: channel, historySize, historyMaxAgeMs }),
    ),
});

Deno.test("memory bus: an event published in a Web Worker reaches the main thread and its history", async () => {
  const channelName = `worker_${crypto.randomUUID().slice(0, 8)}`;
  const bus = createMemoryNotificationBus({ channelName });
  const received = new Collector<Notification>();
  bus.subscribe(received.push);
  const worker = new Worker(new URL("./_publishing_worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const reply = new Promise<Notification>((resolve) => {
      worker.onmessage = (message) => resolve(message.data);
    });
    worker.postMessage({ channelName, event: "item:publish", extra: { item: "x" } });
    const sent = await within(reply, "the worker's publish");
    const [got] = await received.count(1);
    assert.deepEqual(got, sent);
    assert.equal(got!._process, String(Deno.pid));
    const before = await bus.publish("marker", {});
    const later = await bus.history(before._id);
    assert.deepEqual(later, { events: [], complete: true });
    const all = await bus.history(`0-0`);
    assert.equal(all.complete, false);
    assert.deepEqual(all.events.map((n) => n.event), ["item:publish", "marker"]);
  } finally {
    worker.terminate();
    await bus.close();
  }
});
