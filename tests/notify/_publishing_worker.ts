/** A Web Worker that publishes one event on a memory bus and posts the notification back. */
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";

const scope = self as unknown as Worker;
scope.onmessage = async (message: MessageEvent) => {
  const { channelName, event, extra } = message.data;
  const bus = createMemoryNotificationBus({ channelName });
  const notification = await bus.publish(event, extra);
  await bus.close();
  scope.postMessage(notification);
};
