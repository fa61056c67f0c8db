import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { ClientHub, FANOUT_BATCH, PING_SLOTS } from "../../src/ws/client_hub.ts";
import { createEventThrottle } from "../../src/ws/event_throttle.ts";
import { createWsMetrics } from "../../src/ws/ws_metrics.ts";
import { WsClient } from "../../src/ws/ws_client.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { silentLogger } from "../../src/log.ts";
import type { Notification } from "../../src/notify/notification.ts";

/** Every send of the current test, in order: which client, which event. */
let sendLog: Array<{ client: WsClient; n: number }> = [];

/** A client over a stand-in socket that records the frames sent to it. */
function recordingClient(): { client: WsClient; frames: string[] } {
  const frames: string[] = [];
  const socket = {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    send: (frame: string) => {
      frames.push(frame);
      const { extra } = JSON.parse(frame);
      if (extra) sendLog.push({ client, n: extra.n });
    },
  } as unknown as WebSocket;
  const client = new WsClient(socket, {
    args: {},
    identity: null,
    maxBufferedBytes: 1024 * 1024,
    onSlow: () => {},
  });
  return { client, frames };
}

function hubWith(count: number) {
  sendLog = [];
  const hub = new ClientHub({
    metrics: createWsMetrics(new MetricsRegistry()),
    log: silentLogger,
    throttle: createEventThrottle({}),
  });
  const clients = Array.from({ length: count }, recordingClient);
  for (const { client } of clients) hub.add(client);
  return { hub, clients };
}

function event(n: number): Notification {
  return {
    _id: `1-${n}-test`,
    event: "test",
    extra: { n },
    _created: "2026-01-01T09:30:00+0000",
    _process: "test",
  };
}

const received = (frames: string[]) => frames.map((frame) => JSON.parse(frame).extra.n);

Deno.test("a fan-out to few clients is sent before broadcast returns", () => {
  const { hub, clients } = hubWith(FANOUT_BATCH);
  assert.equal(hub.broadcast(event(1)), FANOUT_BATCH);
  for (const { frames } of clients) assert.deepEqual(received(frames), [1]);
});

Deno.test("a burst to many clients is sent in batches with the event loop turning between, in order", async () => {
  const count = FANOUT_BATCH * 2 + 10;
  const { hub, clients } = hubWith(count);
  const total = () => clients.reduce((sum, { frames }) => sum + frames.length, 0);
  for (let n = 1; n <= 3; n++) assert.equal(hub.broadcast(event(n)), count);
  assert.equal(total(), 0, "nothing is sent synchronously once batching starts");
  // An immediate set now runs after the first batch and before the last one.
  const midway = await new Promise<number>((resolve) => setImmediate(() => resolve(total())));
  assert.ok(midway > 0 && midway < count * 3, `sent at the first turn: ${midway}`);
  while (total() < count * 3) await new Promise((resolve) => setTimeout(resolve, 0));
  for (const { frames } of clients) assert.deepEqual(received(frames), [1, 2, 3]);
  // A later small event waits for nothing and stays in order.
  hub.broadcast(event(4));
  while (total() < count * 4) await new Promise((resolve) => setTimeout(resolve, 0));
  for (const { frames } of clients) assert.deepEqual(received(frames), [1, 2, 3, 4]);
});

Deno.test("an event goes to a replaying client's held list when it arrives, even when batched", async () => {
  const { hub, clients } = hubWith(FANOUT_BATCH + 1);
  const replaying = recordingClient();
  replaying.client.held = [];
  hub.add(replaying.client);
  hub.broadcast(event(1));
  assert.deepEqual(replaying.client.held.map((n) => n.extra.n), [1]);
  replaying.client.held = undefined;
  while (clients.some(({ frames }) => frames.length === 0)) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.deepEqual(replaying.frames, [], "the batch does not send it again");
});

Deno.test("a burst reaches each client back to back, client after client", async () => {
  const count = FANOUT_BATCH + 100;
  const { hub } = hubWith(count);
  for (let n = 1; n <= 4; n++) hub.broadcast(event(n));
  while (sendLog.length < count * 4) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < count; i++) {
    const run = sendLog.slice(i * 4, i * 4 + 4);
    assert.ok(run.every(({ client }) => client === run[0]!.client), `client ${i} interleaved`);
    assert.deepEqual(run.map(({ n }) => n), [1, 2, 3, 4]);
  }
});

Deno.test("a client that closes with queued events neither gets them nor stalls the others", async () => {
  const { hub, clients } = hubWith(FANOUT_BATCH * 2);
  for (let n = 1; n <= 3; n++) hub.broadcast(event(n));
  const [closing, ...open] = clients.toReversed();
  hub.remove(closing!.client);
  while (open.some(({ frames }) => frames.length < 3)) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(closing!.frames, []);
  for (const { frames } of open) assert.deepEqual(received(frames), [1, 2, 3]);
  // Nothing is left queued: an event to few clients is sent before broadcast returns.
  for (const { client } of open.slice(10)) hub.remove(client);
  hub.broadcast(event(4));
  for (const { frames } of open.slice(0, 10)) assert.deepEqual(received(frames), [1, 2, 3, 4]);
});

Deno.test("the keepalive pings idle clients each interval and skips a turn after an event", () => {
  const { hub, clients } = hubWith(PING_SLOTS);
  const pings = (frames: string[]) => frames.filter((frame) => "ping" in JSON.parse(frame)).length;
  const interval = () => {
    for (let turn = 0; turn < PING_SLOTS; turn++) hub.pingNextSlot();
  };
  interval();
  for (const { frames } of clients) assert.equal(pings(frames), 1, "one ping per interval");
  assert.deepEqual(JSON.parse(clients[0]!.frames[0]!), { ping: PING_SLOTS, clients: PING_SLOTS });
  hub.broadcast(event(1));
  interval();
  for (const { frames } of clients) {
    assert.equal(pings(frames), 1, "an event since the last turn stands in for the ping");
  }
  interval();
  for (const { frames } of clients) assert.equal(pings(frames), 2, "idle again: pinged");
});

Deno.test("after a large burst the clients' outboxes let go of its frames", async () => {
  const count = FANOUT_BATCH + 10;
  const { hub, clients } = hubWith(count);
  const burst = 40;
  for (let n = 1; n <= burst; n++) hub.broadcast(event(n));
  const total = () => clients.reduce((sum, { frames }) => sum + frames.length, 0);
  while (total() < count * burst) await new Promise((resolve) => setTimeout(resolve, 0));
  for (const { client, frames } of clients) {
    assert.equal(frames.length, burst);
    assert.equal(client.outbox.length, 0, "a burst's slots are not kept for reuse");
  }
});
