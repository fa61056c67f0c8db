/**
 * At start, warns when Redis would lose queued tasks: no AOF, or an eviction policy other than
 * `noeviction`. A warning, not a failure: managed Redis services may refuse CONFIG GET.
 */
import { createClient } from "redis";
import type { Logger } from "../log.ts";
import { checkRedisPersistence } from "../tasks/redis/check_redis_persistence.ts";

/** Logs one warning per unsafe Redis setting; silent when Redis is unreachable (see /ready). */
export async function warnAboutRedisPersistence(url: string, log: Logger): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on("error", () => {});
  try {
    await client.connect();
    for (const warning of await checkRedisPersistence(client)) log.warn(warning);
  } catch {
    // Unreachable: /ready and the storage line already say so.
  } finally {
    if (client.isOpen) await client.quit();
  }
}
