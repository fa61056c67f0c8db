/**
 * Locks on Redis: `SET key token NX PX ttl` to acquire, and Lua compare-then-act to renew and
 * release, so an owner whose lease expired can never extend or delete its successor's lock.
 */
import type { LockService } from "../lock.ts";
import { LOCK_RELEASE, LOCK_RENEW } from "./_scripts.ts";
import type { CommandClient, ScriptRunner } from "./_script_runner.ts";

/** A LockService storing `<prefix>:lock:<name>` keys through `client`. */
export function createRedisLockService(
  { client, run, prefix }: { client: CommandClient; run: ScriptRunner; prefix: string },
): LockService {
  const key = (name: string) => `${prefix}:lock:${name}`;
  return {
    async acquire(name, ttlMs) {
      const token = crypto.randomUUID();
      const reply = await client.sendCommand<string | null>(
        ["SET", key(name), token, "NX", "PX", String(Math.max(1, Math.round(ttlMs)))],
      );
      return reply === "OK" ? token : null;
    },
    async renew(name, token, ttlMs) {
      return await run<number>(LOCK_RENEW, [key(name)], [token, Math.round(ttlMs)]) === 1;
    },
    async release(name, token) {
      return await run<number>(LOCK_RELEASE, [key(name)], [token]) === 1;
    },
  };
}
