import { strict as assert } from "node:assert";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { SLOW_CLIENT_CLOSE_CODE } from "../../src/ws/ws_client.ts";
import { rawHandshake, readBody, readUntilClose } from "./_raw_ws.ts";
import { connectClient, connectionRefused, startWsServer } from "./_ws_harness.ts";

/** A memory bus on a channel of its own, closed when disposed. */
function testBus(options: { historySize?: number } = {}): NotificationBus & AsyncDisposable {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID(), ...options });
  return Object.assign(bus, { [Symbol.asyncDispose]: () => bus.close() });
}

Deno.test("an upgrade without a token is refused with a 401 JSON error and no socket", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const refused = await rawHandshake(server.port, "/");
  try {
    assert.equal(refused.status, 401);
    assert.match(refused.head, /content-type: application\/json/i);
    const body = JSON.parse(await readBody(refused));
    assert.equal(body._status, "ERR");
    assert.equal(body._error.code, 401);
  } finally {
    refused.conn.close();
  }
  assert.equal(await connectionRefused(`${server.url}/?token=tok-bad!`), true);
  assert.equal(server.ws.clientCount(), 0);
  assert.match(
    await server.metrics.render(),
    /ws_upgrades_refused_total\{reason="unauthenticated"\} 2/,
  );
});

Deno.test("a legacy client without a token connects only when allowUnauthenticated is on", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus, allowUnauthenticated: true });
  await using legacy = await connectClient(server.url);
  assert.equal(await connectionRefused(`${server.url}/?token=wrong`), true);
  await server.logged("WebSocket client connected");
  await bus.publish("item:lock", { item: "i1" });
  assert.deepEqual((await legacy.until("item:lock")).map((e) => e.event), ["item:lock"]);
});

Deno.test("an authenticated client receives events in Superdesk's format without filters", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await using client = await connectClient(`${server.url}/ws?token=tok-alice`);
  await server.logged("WebSocket client connected");
  const sent = await bus.publish("resource:updated", {
    resource: "archive",
    _id: "a1",
    fields: { headline: 1 },
  }, {
    filters: { exclude: { user: ["nobody"] } },
  });
  const [event] = await client.until("resource:updated");
  assert.deepEqual(Object.keys(event!).sort(), ["_created", "_id", "_process", "event", "extra"]);
  assert.deepEqual(event, {
    event: "resource:updated",
    extra: { resource: "archive", _id: "a1", fields: { headline: 1 } },
    _created: sent._created,
    _process: sent._process,
    _id: sent._id,
  });
});

Deno.test("a token in Sec-WebSocket-Protocol authenticates and a protocol is echoed back", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await using tokenOnly = await connectClient(server.url, ["token.tok-bob"]);
  assert.equal(tokenOnly.socket.protocol, "token.tok-bob");
  await using named = await connectClient(server.url, ["superdesk", "token.tok-bob"]);
  assert.equal(named.socket.protocol, "superdesk");
  assert.equal(await connectionRefused(server.url, ["token.unknown"]), true);
});

Deno.test("an Upgrade header in another letter case is still upgraded", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const upgraded = await rawHandshake(server.port, "/?token=tok-carol", {
    headers: { Upgrade: "WebSocket" },
  });
  upgraded.conn.close();
  assert.equal(upgraded.status, 101);
});

Deno.test("messages sent by a client are ignored and never broadcast", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await using talker = await connectClient(`${server.url}/?token=tok-mallory`);
  await using listener = await connectClient(`${server.url}/?token=tok-alice`);
  const forged = {
    event: "user_disabled",
    extra: { user: "alice" },
    _created: new Date().toISOString(),
  };
  talker.socket.send(JSON.stringify(forged));
  talker.socket.send("not json");
  await server.logged("ignored a message from a WebSocket client", 2);
  await bus.publish("marker", {});
  assert.deepEqual((await listener.until("marker")).map((e) => e.event), ["marker"]);
  assert.deepEqual((await talker.until("marker")).map((e) => e.event), ["marker"]);
  assert.match(await server.metrics.render(), /ws_client_messages_ignored_total 2/);
});

Deno.test("filters.include and filters.exclude deliver only to matching /subscribe clients", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await using u1 = await connectClient(`${server.url}/subscribe?user=u1&token=tok-u1`);
  await using u2 = await connectClient(`${server.url}/subscribe?user=u2&company=c1&token=tok-u2`);
  await using plain = await connectClient(`${server.url}/?token=tok-u3`);
  await server.logged("WebSocket client connected", 3);
  await bus.publish("only-u1", {}, { filters: { include: { user: ["u1"] } } });
  await bus.publish("not-u1", {}, { filters: { exclude: { user: ["u1"] } } });
  await bus.publish("company-c1", {}, { filters: { include: { company: ["c1"] } } });
  await bus.publish("marker", {});
  const names = async (client: typeof u1) => (await client.until("marker")).map((e) => e.event);
  assert.deepEqual(await names(u1), ["only-u1", "marker"]);
  assert.deepEqual(await names(u2), ["not-u1", "company-c1", "marker"]);
  assert.deepEqual(await names(plain), ["not-u1", "marker"]);
});

Deno.test("subscribing as another user than the token's is refused with 403", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const refused = await rawHandshake(server.port, "/subscribe?user=u2&token=tok-u1");
  refused.conn.close();
  assert.equal(refused.status, 403);
});

Deno.test("reconnecting with the last event id replays the missed events, then goes live", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const first = await connectClient(`${server.url}/?token=tok-alice`);
  await server.logged("WebSocket client connected");
  const seen = await bus.publish("e1", {});
  await first.until("e1");
  await first[Symbol.asyncDispose]();
  await server.logged("WebSocket client disconnected");
  await bus.publish("e2", {});
  await bus.publish("ingest:update", { n: 1 });
  await bus.publish("ingest:update", { n: 2 });
  await bus.publish("e3", {});
  await using again = await connectClient(
    `${server.url}/?token=tok-alice&last_event_id=${seen._id}`,
  );
  const recovered = await again.until("recovery");
  assert.deepEqual(recovered.map((e) => e.event), ["e2", "ingest:update", "e3", "recovery"]);
  assert.deepEqual(recovered.at(-1)!.extra, { complete: true, count: 3 });
  await bus.publish("e4", {});
  assert.deepEqual((await again.until("e4")).map((e) => e.event).slice(-2), ["recovery", "e4"]);
});

for (const readHistory of ["before", "after"] as const) {
  Deno.test(`live events during a replay (history read ${readHistory} them) arrive once, in order`, async () => {
    await using bus = testBus();
    const released = Promise.withResolvers<void>();
    // The replay reads the history before or after the live events, and waits for the test.
    const gated: NotificationBus = {
      ...bus,
      async history(afterId) {
        if (readHistory === "before") {
          const page = await bus.history(afterId);
          await released.promise;
          return page;
        }
        await released.promise;
        return bus.history(afterId);
      },
    };
    await using server = startWsServer({ bus: gated });
    const seen = await bus.publish("e0", {});
    for (let i = 1; i <= 20; i++) await bus.publish("old", { i });
    await using client = await connectClient(
      `${server.url}/?token=tok-alice&last_event_id=${seen._id}`,
    );
    await server.logged("WebSocket client connected");
    for (let i = 21; i <= 40; i++) await bus.publish("new", { i });
    released.resolve();
    const frames = await client.frames.until(
      (items) => items.some((f) => f.event === "new" && (f.extra as { i: number }).i === 40),
      "the last live event",
    );
    const order = frames.map((f) =>
      f.event === "recovery" ? "recovery" : (f.extra as { i: number }).i
    );
    const expected = readHistory === "before"
      ? [...range(1, 20), "recovery", ...range(21, 40)]
      : [...range(1, 40), "recovery"];
    assert.deepEqual(order, expected);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

Deno.test("reconnecting with an id older than the history reports an incomplete recovery", async () => {
  await using bus = testBus({ historySize: 2 });
  await using server = startWsServer({ bus });
  const old = await bus.publish("e1", {});
  for (const name of ["e2", "e3", "e4"]) await bus.publish(name, {});
  await using client = await connectClient(
    `${server.url}/?token=tok-alice&last_event_id=${old._id}`,
  );
  const recovered = await client.until("recovery");
  assert.deepEqual(recovered.map((e) => e.event), ["e3", "e4", "recovery"]);
  assert.deepEqual(recovered.at(-1)!.extra, { complete: false, count: 2 });
});

Deno.test("a client that stops reading is cut as slow while another keeps receiving", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus, maxBufferedBytes: 512 * 1024 });
  const slow = await rawHandshake(server.port, "/?token=tok-slow");
  assert.equal(slow.status, 101);
  await using fast = await connectClient(`${server.url}/?token=tok-fast`);
  await server.logged("WebSocket client connected", 2);
  const payload = "x".repeat(256 * 1024);
  let cut = false;
  server.logged("disconnected a slow WebSocket client").then(() => cut = true);
  let sent = 0;
  // Each event waits for the fast client, so only the slow client's buffer can grow.
  while (!cut && sent < 400) {
    await bus.publish("big", { n: sent, payload });
    sent += 1;
    await fast.frames.count(sent, `big event ${sent}`);
  }
  assert.equal(cut, true, "the slow client was disconnected");
  await bus.publish("after", {});
  await fast.until("after");
  assert.equal(server.ws.clientCount(), 1);
  try {
    const { code, texts } = await readUntilClose(slow);
    assert.equal(code, SLOW_CLIENT_CLOSE_CODE);
    assert.ok(texts < sent, "the slow client did not receive everything");
  } finally {
    slow.conn.close();
  }
  const metrics = await server.metrics.render();
  assert.match(metrics, /ws_slow_client_disconnects_total 1/);
  assert.match(metrics, /ws_clients 1/);
});

Deno.test("every client gets the {ping, clients} keepalive", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus, pingMs: 20 });
  await using client = await connectClient(`${server.url}/?token=tok-alice`);
  const [ping] = await client.frames.until((frames) => frames.some((f) => "ping" in f), "a ping");
  assert.equal(typeof ping!.ping, "number");
  assert.equal(ping!.clients, 1);
});

Deno.test("throttled events pass once per 5 s of their _created, other events always", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await using client = await connectClient(`${server.url}/?token=tok-alice`);
  await server.logged("WebSocket client connected");
  for (let i = 0; i < 3; i++) await bus.publish("ingest:update", { i });
  for (let i = 0; i < 3; i++) await bus.publish("item:lock", { i });
  const events = await client.frames.until(
    (f) => f.filter((e) => e.event === "item:lock").length === 3,
    "locks",
  );
  assert.deepEqual(events.map((e) => e.event), [
    "ingest:update",
    "item:lock",
    "item:lock",
    "item:lock",
  ]);
  assert.match(await server.metrics.render(), /ws_events_dropped_total\{reason="throttled"\} 2/);
});

Deno.test("the clients gauge returns to zero when clients leave and after close", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const a = await connectClient(`${server.url}/?token=tok-a`);
  const b = await connectClient(`${server.url}/?token=tok-b`);
  await server.logged("WebSocket client connected", 2);
  assert.match(await server.metrics.render(), /ws_clients 2/);
  await a[Symbol.asyncDispose]();
  await server.logged("WebSocket client disconnected");
  assert.equal(server.ws.clientCount(), 1);
  await server.ws.close();
  assert.equal((await b.closed).code, 1001);
  assert.equal(server.ws.clientCount(), 0);
  assert.match(await server.metrics.render(), /ws_clients 0/);
});

Deno.test("a client that answers no protocol ping is dropped after the idle timeout", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus, idleTimeoutSeconds: 1 });
  const silent = await rawHandshake(server.port, "/?token=tok-silent");
  try {
    assert.equal(silent.status, 101);
    await server.logged("WebSocket client connected");
    await server.logged("WebSocket client disconnected");
    assert.equal(server.ws.clientCount(), 0);
  } finally {
    silent.conn.close();
  }
});

Deno.test("after close the app refuses new upgrades with 503", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  await server.ws.close();
  const refused = await rawHandshake(server.port, "/?token=tok-alice");
  refused.conn.close();
  assert.equal(refused.status, 503);
});

Deno.test("mounted behind header-setting middleware (cors) the app still upgrades and falls through", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus });
  const outer = new Hono();
  outer.use(cors());
  outer.use(async (c, next) => {
    await next();
    c.header("x-request-id", "r1");
  });
  outer.get("/api/ping", (c) => c.json({ ok: true }));
  outer.route("/", server.ws.app);
  const mounted = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, outer.fetch);
  try {
    const api = await fetch(`http://127.0.0.1:${mounted.addr.port}/api/ping`);
    assert.equal(api.status, 200);
    assert.deepEqual(await api.json(), { ok: true });
    await using client = await connectClient(
      `ws://127.0.0.1:${mounted.addr.port}/ws?token=tok-alice`,
    );
    await server.logged("WebSocket client connected");
    await bus.publish("through-middleware", {});
    assert.deepEqual((await client.until("through-middleware")).map((e) => e.event), [
      "through-middleware",
    ]);
  } finally {
    await mounted.shutdown();
  }
});
