import { strict as assert } from "node:assert";
import { loadConfig } from "../../src/config/load_config.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { rawHandshake, readBody } from "./_raw_ws.ts";
import { connectClient, startWsServer } from "./_ws_harness.ts";

function testBus(): NotificationBus & AsyncDisposable {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  return Object.assign(bus, { [Symbol.asyncDispose]: () => bus.close() });
}

const CLIENT_ORIGIN = "http://localhost:9000";

Deno.test("the server accepts token-less sockets by default; WS_ALLOW_UNAUTHENTICATED=false requires tokens", () => {
  assert.equal(loadConfig({}).wsAllowUnauthenticated, true);
  assert.equal(loadConfig({ WS_ALLOW_UNAUTHENTICATED: "false" }).wsAllowUnauthenticated, false);
});

Deno.test("a token-less socket from an allowed origin is upgraded, from another origin refused 403", async () => {
  await using bus = testBus();
  await using server = startWsServer({
    bus,
    allowUnauthenticated: true,
    allowedOrigins: [CLIENT_ORIGIN],
  });
  const accepted = await rawHandshake(server.port, "/", { headers: { Origin: CLIENT_ORIGIN } });
  accepted.conn.close();
  assert.equal(accepted.status, 101);
  const refused = await rawHandshake(server.port, "/", {
    headers: { Origin: "http://evil.example" },
  });
  try {
    assert.equal(refused.status, 403);
    const body = JSON.parse(await readBody(refused));
    assert.equal(body._status, "ERR");
    assert.match(body._message, /origin http:\/\/evil\.example/);
  } finally {
    refused.conn.close();
  }
  const native = await rawHandshake(server.port, "/");
  native.conn.close();
  assert.equal(native.status, 101, "a client without Origin is not a browser page");
  assert.match(await server.metrics.render(), /ws_upgrades_refused_total\{reason="origin"\} 1/);
});

Deno.test("a token-less socket gets broadcasts but never user- or session-scoped events, even when it names a user", async () => {
  await using bus = testBus();
  await using server = startWsServer({ bus, allowUnauthenticated: true });
  await using anonymous = await connectClient(server.url);
  await using spoofing = await connectClient(`${server.url}/subscribe?user=u1&session=s-u1`);
  await using u1 = await connectClient(`${server.url}/?token=tok-u1`);
  await server.logged("WebSocket client connected", 3);
  await bus.publish("content:update", { items: { i1: 1 }, desks: { d1: 1 } });
  await bus.publish("to-u1", {}, { filters: { include: { user: ["u1"] } } });
  await bus.publish("to-session", {}, { filters: { include: { session: ["s-u1"] } } });
  await bus.publish("not-u1", {}, { filters: { exclude: { user: ["u1"] } } });
  await bus.publish("marker", {});
  const names = async (client: typeof u1) => (await client.until("marker")).map((e) => e.event);
  assert.deepEqual(await names(anonymous), ["content:update", "not-u1", "marker"]);
  assert.deepEqual(await names(spoofing), ["content:update", "not-u1", "marker"]);
  assert.deepEqual(await names(u1), ["content:update", "to-u1", "to-session", "marker"]);
});
