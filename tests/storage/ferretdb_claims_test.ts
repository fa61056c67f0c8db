/**
 * FerretDB claims when the engine fails half-way: a batch whose insert fails without saying
 * which claims it stored removes its own claims (and no one else's), and a release that fails
 * leaves the write's answer as it was (the claim expires by itself).
 */
import assert from "node:assert/strict";
import { createClaims, type RunCommand } from "../../src/storage/mongo/ferretdb_claims.ts";

interface StoredClaim {
  _id: string;
  batch: string;
}

/** Claims commands answered from a Map, whose next insert or delete can be made to fail. */
function fakeDb() {
  const stored = new Map<string, StoredClaim>();
  const faults = { insertStoresFirstThenFails: false, deleteFails: false };
  const run: RunCommand = (command) => {
    if (command.insert) {
      const docs = command.documents as StoredClaim[];
      if (faults.insertStoresFirstThenFails) {
        faults.insertStoresFirstThenFails = false;
        stored.set(docs[0]!._id, docs[0]!);
        return Promise.reject(new Error("connection lost"));
      }
      for (const doc of docs) stored.set(doc._id, doc);
      return Promise.resolve({ ok: 1, n: docs.length });
    }
    if (faults.deleteFails) return Promise.reject(new Error("connection lost"));
    const [{ q: filter }] = command.deletes as [
      { q: { _id: string | { $in: string[] }; batch?: string } },
    ];
    const ids = typeof filter._id === "string" ? [filter._id] : filter._id.$in;
    for (const id of ids) {
      const claim = stored.get(id);
      if (claim && (filter.batch === undefined || claim.batch === filter.batch)) {
        stored.delete(id);
      }
    }
    return Promise.resolve({ ok: 1, n: ids.length });
  };
  return { run, stored, faults };
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
