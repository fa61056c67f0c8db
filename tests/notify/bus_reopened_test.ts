/**
 * A bus closed and another opened straight after in one process (a platform rebuilt, a CLI
 * command run twice in-process) still posts: Deno 2.9.6 breaks every later `postMessage` of a
 * `BroadcastChannel` opened before the loop turned after the process's last one closed
 * (`broadcast_channel_close.ts`). Its own file: no other channel may be open in the process.
 */
import assert from "node:assert/strict";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";

Deno.test("a bus opened right after the last one closed posts to another bus", async () => {
  const channelName = `reopened-${crypto.randomUUID()}`;
  await createMemoryNotificationBus({ channelName }).close();
  const sender = createMemoryNotificationBus({ channelName, replay: false });
  const receiver = createMemoryNotificationBus({ channelName, replay: false });
  try {
    const got = new Promise((resolve) => receiver.subscribe(resolve));
    await sender.publish("reopened", {});
    assert.equal(((await got) as { event: string }).event, "reopened");
  } finally {
    await sender.close();
    await receiver.close();
  }
});
