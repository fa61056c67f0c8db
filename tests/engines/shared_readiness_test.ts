/**
 * `sharedReadiness`: concurrent callers share one round of pings, its answer serves later callers
 * for `maxAgeMs` (a hand-moved clock, no waiting), and a round that failed is not kept.
 */
import assert from "node:assert/strict";
import type { EngineStatus } from "../../src/engines/engine_status.ts";
import { sharedReadiness } from "../../src/engines/shared_readiness.ts";

const GREEN: EngineStatus[] = [{ seam: "documents", engine: "sqlite", ok: true }];

/** A readiness whose rounds the test answers, counting them. */
function pinger() {
  const rounds: Array<PromiseWithResolvers<EngineStatus[]>> = [];
  return {
    rounds,
    readiness: () => {
      const round = Promise.withResolvers<EngineStatus[]>();
      rounds.push(round);
      return round.promise;
    },
  };
}

Deno.test("concurrent callers share one round of pings", async () => {
  const { rounds, readiness } = pinger();
  const shared = sharedReadiness(readiness, { now: () => 0 });
  const answers = Array.from({ length: 20 }, () => shared());
  assert.equal(rounds.length, 1);
  rounds[0]!.resolve(GREEN);
  for (const answer of await Promise.all(answers)) assert.equal(answer, GREEN);
});

Deno.test("an answer serves callers for maxAgeMs, then a new round starts", async () => {
  const { rounds, readiness } = pinger();
  let clock = 0;
  const shared = sharedReadiness(readiness, { maxAgeMs: 1000, now: () => clock });
  const first = shared();
  rounds[0]!.resolve(GREEN);
  await first;
  clock = 999;
  assert.equal(await shared(), GREEN);
  assert.equal(rounds.length, 1);
  clock = 1000;
  const second = shared();
  assert.equal(rounds.length, 2);
  const red: EngineStatus[] = [{ seam: "documents", engine: "sqlite", ok: false }];
  rounds[1]!.resolve(red);
  assert.equal(await second, red);
});

Deno.test("a round that fails is not kept: the next caller pings again", async () => {
  const { rounds, readiness } = pinger();
  const shared = sharedReadiness(readiness, { now: () => 0 });
  const failed = shared();
  rounds[0]!.reject(new Error("boom"));
  await assert.rejects(failed, /boom/);
  const again = shared();
  assert.equal(rounds.length, 2);
  rounds[1]!.resolve(GREEN);
  assert.equal(await again, GREEN);
});
