import { strict as assert } from "node:assert";
import { createClient } from "redis";
import { createLogger } from "../../src/log.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { PUBLISH_SCRIPT } from "../../src/notify/redis/_publish_script.ts";
import { createRedisNotificationBus } from "../../src/notify/redis/redis_notification_bus.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { notificationBusContract } from "../contracts/notification_bus_contract.ts";
import { Collector } from "./_collect.ts";

const url = engineUrl("REDIS_URL");

/** Runs `fn` with a plain Redis connection and deletes the streams of `prefixes` afterwards. */
async function withAdmin(
  prefixes: string[],
  fn: (admin: ReturnType<typeof createClient>) => Promise<void>,
) {
  const admin = createClient({ url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    if (prefixes.length) await admin.del(prefixes.map((prefix) => `${prefix}:stream`));
    await admin.close();
  }
}

notificationBusContract("redis bus", {
  ignore: !url,
  async create({ channel, historySize, historyMaxAgeMs }) {
    const prefix = `test:notify:${channel}`;
    const bus = await createRedisNotificationBus({
      url: url!,
      prefix,
      historySize,
      historyMaxAgeMs,
    });
    return {
      ...bus,
      async close() {
        await bus.close();
        await withAdmin([prefix], () => Promise.resolve());
      },
    };
  },
});

Deno.test({
  name: "redis bus: events published while the subscriber is disconnected arrive once, in order",
  ignore: !url,
  async fn() {
    const prefix = uniqueName("test:notify:gap");
    const lines = new Collector<Record<string, unknown>>();
    const log = createLogger({ sink: (line) => lines.push(JSON.parse(line)) });
    const listening = await createRedisNotificationBus({ url: url!, prefix, log });
    const publisher = await createRedisNotificationBus({ url: url!, prefix });
    const received = new Collector<Notification>();
    listening.subscribe(received.push);
    await withAdmin([prefix], async (admin) => {
      try {
        const before = await publisher.publish("before", {});
        await received.count(1, "the event before the disconnection");
        // Both buses have a subscriber connection of that name; the listening bus connected
        // first, and Redis numbers connections in order, so its subscriber has the lower id.
        const subscribers = (await admin.clientList())
          .filter((client) => client.name === `${prefix}:subscriber`)
          .sort((a, b) => Number(a.id) - Number(b.id));
        assert.equal(subscribers.length, 2, "each bus's subscriber is named after the prefix");
        const sub = subscribers[0]!;
        // One MULTI: the event is published after the kill, before any reconnection.
        const body = JSON.stringify({
          event: "during",
          extra: {},
          _created: new Date().toISOString(),
          _process: "t",
        });
        const [, duringId] = await admin.multi()
          .addCommand(["CLIENT", "KILL", "ID", String(sub.id)])
          .addCommand([
            "EVAL",
            PUBLISH_SCRIPT,
            "1",
            `${prefix}:stream`,
            body,
            "100",
            "60000",
            `${prefix}:events`,
          ])
          .exec();
        const during = [{ _id: String(duringId) }];
        for (let i = 0; i < 3; i++) during.push(await publisher.publish("during", { i }));
        await lines.until(
          (records) => records.some((r) => r.msg === "recovered notifications from the stream"),
          "the subscriber to recover from the stream",
        );
        const after = await publisher.publish("after", {});
        const got = await received.until(
          (items) => items.some((n) => n._id === after._id),
          "the event after",
        );
        assert.deepEqual(got.map((n) => n._id), [before, ...during, after].map((n) => n._id));
      } finally {
        await Promise.all([listening.close(), publisher.close()]);
      }
    });
  },
});
