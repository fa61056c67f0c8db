/**
 * Benchmark server: the floor of a Deno WebSocket fan-out, to compare our hub with in the same
 * run. Everything but the hub is ours (Deno.serve, `Deno.upgradeWebSocket`, the same bus and
 * frame encoding); each bus event is encoded once and sent to every open socket in one
 * synchronous `socket.send` loop (no outboxes, batches, filters, throttle, slow-client checks or
 * keepalive). A socket gets one `{ping}` frame when it opens (the clients' sign that they are
 * registered).
 */
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { createRedisNotificationBus } from "../../src/notify/redis/redis_notification_bus.ts";
import { encodeEvent, encodePing } from "../../src/ws/wire.ts";
import { serveCommands } from "./_child_commands.ts";

const redisUrl = Deno.env.get("REDIS_URL");
const prefix = Deno.env.get("NOTIFY_PREFIX") ?? "bench:notify";
const bus: NotificationBus = redisUrl
  ? await createRedisNotificationBus({ url: redisUrl, prefix, historyMaxAgeMs: 60_000 })
  : createMemoryNotificationBus({ channelName: prefix });
const sockets = new Set<WebSocket>();
const unsubscribe = bus.subscribe((notification) => {
  const frame = encodeEvent(notification);
  for (const socket of sockets) socket.send(frame);
});
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, (request) => {
  const { socket, response } = Deno.upgradeWebSocket(request);
  socket.onopen = () => {
    sockets.add(socket);
    socket.send(encodePing(0, sockets.size));
  };
  socket.onclose = () => sockets.delete(socket);
  return response;
});
await serveCommands(server.addr.port, async (payload) => {
  await bus.publish("bench", payload);
});
unsubscribe();
for (const socket of sockets) socket.close(1001);
await server.shutdown();
await bus.close();
