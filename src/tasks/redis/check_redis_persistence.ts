/**
 * Start-up check of the Redis settings a durable queue needs: AOF on (at most ~1 s of writes
 * lost on a crash) and `maxmemory-policy noeviction` (any other policy may evict queue keys).
 */
import type { CommandClient } from "./_script_runner.ts";

/** Warnings to log at start; empty when Redis is configured safely. */
export async function checkRedisPersistence(client: CommandClient): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const aof = await configValue(client, "appendonly");
    if (aof !== "yes") {
      warnings.push(
        "Redis has no AOF (appendonly no): queued tasks since the last RDB snapshot are lost " +
          "if Redis crashes; set appendonly yes and appendfsync everysec",
      );
    }
    const policy = await configValue(client, "maxmemory-policy");
    if (policy !== "noeviction") {
      warnings.push(
        `Redis maxmemory-policy is ${policy}: it may evict queue keys; set it to noeviction`,
      );
    }
  } catch (error) {
    warnings.push(
      `Cannot check Redis persistence settings (CONFIG GET refused: ${
        (error as Error).message
      }); make sure AOF is on and maxmemory-policy is noeviction`,
    );
  }
  return warnings;
}

async function configValue(client: CommandClient, name: string): Promise<string | undefined> {
  const reply = await client.sendCommand<string[]>(["CONFIG", "GET", name]);
  return reply[1];
}
