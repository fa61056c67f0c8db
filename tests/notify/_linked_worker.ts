/**
 * A Web Worker linked to the test's thread (thread_link.ts) that publishes `count` events on a
 * memory bus, one per turn, counting them in `published` (a shared Int32Array) as it goes, and
 * posts back what its own listener received, when asked to listen.
 */
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { useUplink, whenHostedAbove } from "../../src/notify/memory/thread_link.ts";

const scope = self as unknown as Worker;
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

scope.onmessage = async (message: MessageEvent) => {
  const { uplink, channelName, count, listen, published } = message.data;
  useUplink(uplink);
  const bus = createMemoryNotificationBus({ channelName, replay: false });
  const own: Notification[] = [];
  if (listen) bus.subscribe((notification) => own.push(notification));
  await whenHostedAbove(channelName);
  const counter = new Int32Array(published);
  for (let i = 0; i < count; i++) {
    await bus.publish("linked", { i });
    await turn();
    Atomics.add(counter, 0, 1);
  }
  await turn();
  await bus.close();
  scope.postMessage(own.map((notification) => notification.extra.i));
};
