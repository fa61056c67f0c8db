/**
 * FerretDB claims when the engine fails half-way: a batch whose insert fails without saying
 * which claims it stored removes its own claims (and no one else's), and a release that fails
 * leaves the write's answer as it was (the claim expires by itself). The writers of one document
 * in one process take turns without asking the engine for a claim another of them holds.
 */
import assert from "node:assert/strict";
import {
  CLAIM_TTL_MS,
  createClaims,
  type RunCommand,
} from "../../src/storage/mongo/ferretdb_claims.ts";

interface StoredClaim {
  _id: string;
  batch: string;
  at?: Date;
}

/** Claims commands answered from a Map, whose next insert or delete can be made to fail. */
function fakeDb() {
  const stored = new Map<string, StoredClaim>();
  const faults = { insertStoresFirstThenFails: false, deleteFails: false };
  /** Claims the store refused because another held them. */
  const refused: string[] = [];
  const run: RunCommand = (command) => {
    if (command.insert) {
      const docs = command.documents as StoredClaim[];
      if (faults.insertStoresFirstThenFails) {
        faults.insertStoresFirstThenFails = false;
        stored.set(docs[0]!._id, docs[0]!);
        return Promise.reject(new Error("connection lost"));
      }
      const writeErrors: Array<{ index: number; code: number }> = [];
      docs.forEach((doc, index) => {
        if (!stored.has(doc._id)) return void stored.set(doc._id, doc);
        refused.push(doc._id);
        writeErrors.push({ index, code: 11000 });
      });
      return Promise.resolve({ ok: 1, n: docs.length - writeErrors.length, writeErrors });
    }
    if (faults.deleteFails) return Promise.reject(new Error("connection lost"));
    const [{ q: filter }] = command.deletes as [
      { q: { _id: string | { $in: string[] }; batch?: string; at?: { $lt: Date } } },
    ];
    const ids = typeof filter._id === "string" ? [filter._id] : filter._id.$in;
    for (const id of ids) {
      const claim = stored.get(id);
      if (!claim || (filter.batch !== undefined && claim.batch !== filter.batch)) continue;
      if (filter.at && !(claim.at && claim.at < filter.at.$lt)) continue;
      stored.delete(id);
    }
    return Promise.resolve({ ok: 1, n: ids.length });
  };
  return { run, stored, faults, refused };
}

Deno.test("ferretdb claims: a batch that fails without an account removes what it stored", async () => {
  const { run, stored, faults } = fakeDb();
  const claims = createClaims(run);
  stored.set("notes/other", { _id: "notes/other", batch: "someone else's" });
  faults.insertStoresFirstThenFails = true;
  await assert.rejects(claims.withClaim("notes/a", () => Promise.resolve("written")), /lost/);
  assert.deepEqual([...stored.keys()], ["notes/other"]);
  assert.equal(await claims.withClaim("notes/a", () => Promise.resolve("written")), "written");
  assert.deepEqual([...stored.keys()], ["notes/other"]);
});

Deno.test("ferretdb claims: a failed release does not turn a made write into an error", async () => {
  const { run, stored, faults } = fakeDb();
  const claims = createClaims(run);
  const answer = await claims.withClaim("notes/a", () => {
    faults.deleteFails = true;
    return Promise.resolve("written");
  });
  assert.equal(answer, "written");
  assert.ok(stored.has("notes/a"), "left to expire");
});

Deno.test("ferretdb claims: concurrent writers of one document take turns without refusing each other", async () => {
  const { run, stored, refused } = fakeDb();
  const claims = createClaims(run);
  let writing = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      claims.withClaim("counters/k", async () => {
        writing++;
        assert.equal(writing, 1, "one writer at a time");
        assert.ok(stored.has("counters/k"), "the claim is held while writing");
        await Promise.resolve();
        order.push(i);
        writing--;
      })),
  );
  assert.deepEqual(order, Array.from({ length: 50 }, (_, i) => i), "in arrival order");
  assert.deepEqual(refused, [], "no writer asked for a claim another writer here held");
  assert.equal(stored.size, 0);
});

Deno.test("ferretdb claims: a writer waiting for a holder that waits for it is refused with 503", async () => {
  const { run, stored } = fakeDb();
  const claims = createClaims(run);
  const answer = await claims.withClaim("notes/a", async () => {
    const inner = claims.withClaim("notes/a", () => Promise.resolve("never"), { maxWaitMs: 0 });
    await assert.rejects(inner, (error: Error & { status?: number }) => error.status === 503);
    return "written";
  });
  assert.equal(answer, "written");
  assert.equal(stored.size, 0);
  assert.equal(await claims.withClaim("notes/a", () => Promise.resolve("again")), "again");
});

Deno.test("ferretdb claims: a write that throws lets the writers behind it go on, and leaves no line", async () => {
  const { run, stored } = fakeDb();
  const claims = createClaims(run);
  const gate = Promise.withResolvers<void>();
  const failing = claims.withClaim("notes/a", async () => {
    await gate.promise;
    throw new Error("refused");
  });
  const behind = Array.from(
    { length: 3 },
    (_, i) => claims.withClaim("notes/a", () => Promise.resolve(i)),
  );
  gate.resolve();
  await assert.rejects(failing, /refused/);
  assert.deepEqual(await Promise.all(behind), [0, 1, 2]);
  assert.equal(stored.size, 0);
  // Nobody is left in line: a writer that may not wait at all goes on.
  assert.equal(
    await claims.withClaim("notes/a", () => Promise.resolve("alone"), { maxWaitMs: 0 }),
    "alone",
  );
});

Deno.test("ferretdb claims: another process's writers wait for the claim, and take over a dead holder's", async () => {
  const { run, stored } = fakeDb();
  const [first, second] = [createClaims(run), createClaims(run)];
  const gate = Promise.withResolvers<void>();
  const holding = Promise.withResolvers<void>();
  const held = first.withClaim("notes/a", async () => {
    holding.resolve();
    await gate.promise;
    return "first";
  });
  await holding.promise;
  const waiting = Array.from(
    { length: 3 },
    (_, i) => second.withClaim("notes/a", () => Promise.resolve(i)),
  );
  gate.resolve();
  assert.equal(await held, "first");
  assert.deepEqual(await Promise.all(waiting), [0, 1, 2]);
  // The first process died holding the claim longer than CLAIM_TTL_MS ago.
  stored.set("notes/a", {
    _id: "notes/a",
    batch: "dead",
    at: new Date(Date.now() - CLAIM_TTL_MS - 1),
  });
  assert.equal(await second.withClaim("notes/a", () => Promise.resolve("after")), "after");
  assert.equal(stored.size, 0);
});
