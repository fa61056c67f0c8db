/**
 * A `ws` instance for the multi-process test: a Redis bus (REDIS_URL, NOTIFY_PREFIX) and
 * createWsApp served on a free port, printed as `{"port": n}`. It shuts down when stdin closes.
 */
import { printLine } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createRedisNotificationBus } from "../../src/notify/redis/redis_notification_bus.ts";
import { createWsApp } from "../../src/ws/ws_app.ts";
import { testAuthenticate } from "./_ws_harness.ts";

const bus = await createRedisNotificationBus({
  url: Deno.env.get("REDIS_URL")!,
  prefix: Deno.env.get("NOTIFY_PREFIX")!,
});
const ws = createWsApp({
  bus,
  authenticate: testAuthenticate,
  metrics: new MetricsRegistry(),
  pingMs: 50,
});
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, ws.app.fetch);
printLine(JSON.stringify({ port: server.addr.port }));
for await (const _ of Deno.stdin.readable) {
  // Runs until the parent closes stdin.
}
await ws.close();
await server.shutdown();
await bus.close();
