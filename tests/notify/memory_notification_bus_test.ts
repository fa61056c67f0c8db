import { strict as assert } from "node:assert";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { openDownlink } from "../../src/notify/memory/thread_link.ts";
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

Deno.test("memory bus: a burst published in one turn reaches the other threads as one message, in order", async () => {
  const channelName = `burst_${crypto.randomUUID().slice(0, 8)}`;
  const publisher = createMemoryNotificationBus({ channelName });
  const receiver = createMemoryNotificationBus({ channelName });
  const received = new Collector<Notification>();
  receiver.subscribe(received.push);
  const own = new Collector<Notification>();
  publisher.subscribe(own.push);
  const raw = new BroadcastChannel(channelName);
  const messages = new Collector<unknown>();
  // The buses' own control messages (`~<origin>:<state>`) are not events.
  raw.onmessage = (message) => !String(message.data).startsWith("~") && messages.push(message.data);
  try {
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => publisher.publish("publish_queue:update", { i })),
    );
    // The publisher's own listeners have each event at once.
    assert.equal((await own.count(20)).length, 20);
    const got = await received.count(20);
    assert.deepEqual(got.map((n) => n._id), sent.map((n) => n._id));
    assert.deepEqual(got.map((n) => n.extra.i), sent.map((_, i) => i));
    const [message] = await messages.count(1);
    assert.equal(JSON.parse(String(message)).length, 20);
    const later = await publisher.publish("marker", {});
    assert.equal((await received.count(21))[20]!._id, later._id);
    assert.equal((await messages.count(2)).length, 2);
  } finally {
    raw.close();
    await Promise.all([publisher.close(), receiver.close()]);
  }
});

Deno.test("memory bus: with onlyToListeners, events stay off the channel until another bus listens", async () => {
  const channelName = `quiet_${crypto.randomUUID().slice(0, 8)}`;
  const raw = new BroadcastChannel(channelName);
  const messages = new Collector<string>();
  raw.onmessage = (message) => messages.push(String(message.data));
  const api = createMemoryNotificationBus({ channelName, onlyToListeners: true });
  const worker = createMemoryNotificationBus({ channelName, replay: false });
  const received = new Collector<Notification>();
  try {
    // The API bus says it listens at creation and again to the worker's bus, once heard of.
    await messages.until((all) => all.filter((m) => /^~.*:1$/.test(m)).length >= 2, "the reply");
    await api.publish("quiet", {});
    worker.subscribe(received.push);
    await messages.until((all) => all.filter((m) => /^~.*:1$/.test(m)).length >= 3, "listening");
    const loud = await api.publish("loud", {});
    const [got] = await received.count(1);
    assert.equal(got!._id, loud._id);
    const events = messages.items.filter((m) => !m.startsWith("~"));
    assert.deepEqual(events.map((m) => JSON.parse(m).event), ["loud"]);
    // A worker's bus without listeners keeps no history.
    assert.deepEqual(await worker.history("0-0"), { events: [], complete: false });
  } finally {
    raw.close();
    await Promise.all([api.close(), worker.close()]);
  }
});

/** Starts `_linked_worker.ts` on a link of this thread; resolves to what its own listener got. */
function linkedWorker(
  channelName: string,
  { count, listen = false, published = new SharedArrayBuffer(4) }: {
    count: number;
    listen?: boolean;
    published?: SharedArrayBuffer;
  },
): { worker: Worker; own: Promise<number[]> } {
  const worker = new Worker(new URL("./_linked_worker.ts", import.meta.url), { type: "module" });
  const own = new Promise<number[]>((resolve) => {
    worker.onmessage = (message) => resolve(message.data);
  });
  const link = openDownlink();
  worker.postMessage({ uplink: link.port, channelName, count, listen, published }, [link.port]);
  own.finally(link.release);
  return { worker, own };
}

Deno.test("memory bus: a linked worker's events reach the spawning thread's bus, in order, none on the channel, none lost while it is busy", async () => {
  const channelName = `linked_${crypto.randomUUID().slice(0, 8)}`;
  const bus = createMemoryNotificationBus({ channelName });
  const received = new Collector<Notification>();
  bus.subscribe(received.push);
  const raw = new BroadcastChannel(channelName);
  const data = new Collector<string>();
  raw.onmessage = (message) => !String(message.data).startsWith("~") && data.push(message.data);
  const count = 600;
  const published = new SharedArrayBuffer(4);
  const { worker, own } = linkedWorker(channelName, { count, published });
  try {
    // This thread reads nothing until the worker has sent everything: a BroadcastChannel drops
    // what a thread has not read after 256 messages; the link keeps it all.
    const counter = new Int32Array(published);
    const deadline = Date.now() + 30_000;
    while (Atomics.load(counter, 0) < count && Date.now() < deadline) {
      Atomics.wait(counter, 0, 0, 5);
    }
    assert.equal(Atomics.load(counter, 0), count);
    await within(own, "the worker's end");
    const got = await received.count(count);
    assert.deepEqual(got.map((n) => n.extra.i), Array.from({ length: count }, (_, i) => i));
    assert.equal((await bus.history("0-0")).events.length, count);
    assert.deepEqual(data.items, []);
  } finally {
    worker.terminate();
    raw.close();
    await bus.close();
  }
});

Deno.test("memory bus: the host passes a linked worker's events on to the channel's other listeners, and not back to their publisher", async () => {
  const channelName = `relay_${crypto.randomUUID().slice(0, 8)}`;
  const hostBus = createMemoryNotificationBus({ channelName });
  const other = createMemoryNotificationBus({ channelName, replay: false });
  const atHost = new Collector<Notification>();
  const atOther = new Collector<Notification>();
  hostBus.subscribe(atHost.push);
  other.subscribe(atOther.push);
  const { worker, own } = linkedWorker(channelName, { count: 5, listen: true });
  try {
    const expected = [0, 1, 2, 3, 4];
    assert.deepEqual((await atHost.count(5)).map((n) => n.extra.i), expected);
    assert.deepEqual((await atOther.count(5)).map((n) => n.extra.i), expected);
    assert.deepEqual(await within(own, "the worker's own events"), expected);
    const marker = await hostBus.publish("marker", {});
    assert.equal((await atOther.count(6))[5]!._id, marker._id);
    assert.equal(atOther.items.length, 6);
  } finally {
    worker.terminate();
    await Promise.all([hostBus.close(), other.close()]);
  }
});
