/**
 * An API-like publisher for the multi-process test: a Redis bus (REDIS_URL, NOTIFY_PREFIX) that
 * publishes each stdin line `{"event", "extra"}` and prints the resulting notification. It prints
 * `{"ready": true}` once connected and exits when stdin closes.
 */
import { printLine } from "../../src/log.ts";
import { linesOf } from "../_lines.ts";
import { createRedisNotificationBus } from "../../src/notify/redis/redis_notification_bus.ts";

const bus = await createRedisNotificationBus({
  url: Deno.env.get("REDIS_URL")!,
  prefix: Deno.env.get("NOTIFY_PREFIX")!,
});
printLine(JSON.stringify({ ready: true }));
for await (const line of linesOf(Deno.stdin.readable)) {
  const { event, extra } = JSON.parse(line);
  printLine(JSON.stringify(await bus.publish(event, extra)));
}
await bus.close();
