/**
 * The service notification bus on Redis (node-redis 5). `publish` runs one Lua step that XADDs
 * the event to a bounded stream `<prefix>:stream` (MAXLEN historySize, MINID by age) and
 * PUBLISHes `<id> <json>` on `<prefix>:events`; the stream entry id is the event `_id`. Each bus
 * has a second connection for SUBSCRIBE; after a reconnection it fills the gap from the stream
 * (see _gap_filling_receiver.ts). `history(afterId)` is an XRANGE from afterId (exclusive),
 * complete when afterId lies within the retained entries.
 */
import { createClient } from "redis";
import { measureStatus } from "../../engines/engine_status.ts";
import { type Logger, silentLogger } from "../../log.ts";
import { createListenerSet } from "../_listeners.ts";
import { createDraft, currentProcessName, type Notification } from "../notification.ts";
import type { HistoryPage, NotificationBus } from "../notification_bus.ts";
import {
  EMPTY_STREAM_CURSOR,
  GapFillingReceiver,
  type StreamSlice,
} from "./_gap_filling_receiver.ts";
import { PUBLISH_SCRIPT, scriptSha } from "./_publish_script.ts";
import { compareStreamIds, isStreamId } from "./_stream_id.ts";

/** Options of the Redis bus. Every process that should talk uses the same `prefix`. */
export interface RedisNotificationBusOptions {
  url: string;
  /** Key and channel prefix; the subscriber connection is named `<prefix>:subscriber`. */
  prefix?: string;
  /** Most events kept in the stream for replay. */
  historySize?: number;
  /** Oldest event kept in the stream for replay, in milliseconds. */
  historyMaxAgeMs?: number;
  /** The `_process` of published events; defaults to the pid. */
  process?: string;
  log?: Logger;
}

type RedisClient = ReturnType<typeof createClient>;

/** Connects both connections, subscribes, and returns the bus. */
export async function createRedisNotificationBus(
  {
    url,
    prefix = "superdesk:notify",
    historySize = 1000,
    historyMaxAgeMs = 3_600_000,
    process = currentProcessName(),
    log = silentLogger,
  }: RedisNotificationBusOptions,
): Promise<NotificationBus> {
  if (!(historySize >= 1) || !(historyMaxAgeMs > 0)) {
    throw new RangeError("historySize must be >= 1 and historyMaxAgeMs > 0");
  }
  const stream = `${prefix}:stream`;
  const channel = `${prefix}:events`;
  const sha = await scriptSha(PUBLISH_SCRIPT);
  const listeners = createListenerSet(log);
  const client: RedisClient = createClient({ url });
  const subscriber: RedisClient = createClient({ url, name: `${prefix}:subscriber` });
  for (const [connection, role] of [[client, "commands"], [subscriber, "subscriber"]] as const) {
    connection.on(
      "error",
      (error: unknown) => log.warn("notification bus: redis error", { role, error }),
    );
  }
  await Promise.all([client.connect(), subscriber.connect()]);

  const readAfter = (afterId: string) => readStreamAfter(client, { stream, afterId });
  const tail = await client.xRevRange(stream, "+", "-", { COUNT: 1 });
  const receiver = new GapFillingReceiver(tail[0]?.id ?? EMPTY_STREAM_CURSOR, {
    readAfter,
    deliver: (notification) => listeners.deliver(notification),
    log,
  });
  let subscribed = false;
  subscriber.on("reconnecting", () => receiver.hold());
  subscriber.on("ready", () => void (subscribed && receiver.fill()));
  await subscriber.subscribe(channel, (message: string) => {
    try {
      receiver.live(parseChannelMessage(message));
    } catch (error) {
      log.error("unreadable message on the notification channel", { channel, error });
    }
  });
  subscribed = true;
  await receiver.fill();

  let closed = false;
  return {
    async publish(event, extra = {}, { filters, traceparent } = {}) {
      if (closed) throw new Error("The notification bus is closed");
      const draft = createDraft(event, extra, { filters, traceparent, process });
      const body = JSON.stringify(draft);
      const args = [String(historySize), String(historyMaxAgeMs), channel];
      const id = await evalScript(client, { sha, stream, args: [body, ...args] });
      return { _id: id, ...draft };
    },
    subscribe: (listener) => listeners.add(listener),
    async history(afterId): Promise<HistoryPage> {
      if (!isStreamId(afterId)) return { events: [], complete: false };
      const slice = await readAfter(afterId);
      const complete = slice.firstId !== undefined && slice.lastId !== undefined &&
        compareStreamIds(slice.firstId, afterId) <= 0 &&
        compareStreamIds(afterId, slice.lastId) <= 0;
      return { events: slice.events, complete };
    },
    ping: () =>
      measureStatus("bus", "redis", async () => {
        const info = await client.info("server");
        return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? "unknown";
      }),
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await Promise.allSettled([subscriber.close(), client.close()]);
    },
  };
}

/** Runs the publish script by SHA, loading it once when Redis does not know it yet. */
async function evalScript(
  client: RedisClient,
  { sha, stream, args }: { sha: string; stream: string; args: string[] },
) {
  try {
    return String(await client.sendCommand(["EVALSHA", sha, "1", stream, ...args]));
  } catch (error) {
    if (!String(error).includes("NOSCRIPT")) throw error;
    return String(await client.sendCommand(["EVAL", PUBLISH_SCRIPT, "1", stream, ...args]));
  }
}

/** The entries after `afterId` plus the first and last retained ids, read atomically. */
async function readStreamAfter(
  client: RedisClient,
  { stream, afterId }: { stream: string; afterId: string },
): Promise<StreamSlice & { lastId?: string }> {
  const [entries, first, last] = await client.multi()
    .xRange(stream, `(${afterId}`, "+")
    .xRange(stream, "-", "+", { COUNT: 1 })
    .xRevRange(stream, "+", "-", { COUNT: 1 })
    .exec() as unknown as Array<Array<{ id: string; message: Record<string, string> }>>;
  return {
    events: (entries ?? []).map((entry) => ({ _id: entry.id, ...JSON.parse(entry.message.n!) })),
    firstId: first?.[0]?.id,
    lastId: last?.[0]?.id,
  };
}

/** Decodes `<id> <json>` from the channel. */
function parseChannelMessage(message: string): Notification {
  const space = message.indexOf(" ");
  const id = message.slice(0, space);
  if (space < 1 || !isStreamId(id)) throw new Error(`Malformed notification message`);
  return { _id: id, ...JSON.parse(message.slice(space + 1)) };
}
