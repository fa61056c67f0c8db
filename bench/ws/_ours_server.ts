/**
 * Benchmark server: createWsApp on the Redis bus (REDIS_URL set) or the memory bus, any token
 * accepted. Publishing goes through the bus, as the API's would; its stream expires a minute
 * after the run.
 */
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { createRedisNotificationBus } from "../../src/notify/redis/redis_notification_bus.ts";
import { createWsApp } from "../../src/ws/ws_app.ts";
import { serveCommands } from "./_child_commands.ts";

const redisUrl = Deno.env.get("REDIS_URL");
const prefix = Deno.env.get("NOTIFY_PREFIX") ?? "bench:notify";
const bus: NotificationBus = redisUrl
  ? await createRedisNotificationBus({ url: redisUrl, prefix, historyMaxAgeMs: 60_000 })
  : createMemoryNotificationBus({ channelName: prefix });
const ws = createWsApp({
  bus,
  authenticate: (token) => Promise.resolve({ userId: token, sessionId: token }),
  metrics: new MetricsRegistry(),
  pingMs: Number(Deno.env.get("BENCH_PING_MS") ?? 5000),
});
const server = Deno.serve(
  { port: 0, hostname: "127.0.0.1", onListen() {} },
  ws.app.fetch,
);
await serveCommands(server.addr.port, async (payload) => {
  await bus.publish("bench", payload);
});
await ws.close();
await server.shutdown();
await bus.close();
