/** Helpers for Redis task tests: a client for assertions and deletion of a test's keys. */
import { createClient } from "redis";

/** A connected node-redis client. */
export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/** A connected node-redis client; the caller closes it. */
export async function connectRedis(url: string) {
  const client = createClient({ url });
  await client.connect();
  return client;
}

/** Deletes every key starting with `prefix` (SCAN, never FLUSH: the server is shared). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = await connectRedis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.sendCommand<[string, string[]]>(
        ["SCAN", cursor, "MATCH", `${prefix}*`, "COUNT", "500"],
      );
      cursor = next;
      if (keys.length > 0) await client.sendCommand(["DEL", ...keys]);
    } while (cursor !== "0");
  } finally {
    await client.close();
  }
}
