/**
 * Login rate limiting: per username and per client address, 429 with Retry-After, successful
 * logins do not use the allowance, and the counters hold across processes because they live in
 * the document store.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import {
  createLoginRateLimiter,
  type LoginRateLimiter,
} from "../../src/auth/login_rate_limiter.ts";
import type { Collection, DocumentStore } from "../../src/storage/document_store.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { addUser, awayFromWindowEnd, PASSWORD, postLogin, withApp } from "./_auth_fixtures.ts";

const LIMIT = {
  env: {
    LOGIN_RATE_LIMIT_PER_MINUTE: "3",
    LOGIN_ADDRESS_LIMIT_PER_MINUTE: "5",
    LOGIN_USER_LIMIT_PER_HOUR: "6",
  },
};

async function assertLimited(response: Response) {
  assert.equal(response.status, 429);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  const retryAfter = Number(response.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
  const body = await response.json();
  assert.equal(body._status, "ERR");
  assert.equal(body._error.code, 429);
}

Deno.test("the attempt after LOGIN_RATE_LIMIT_PER_MINUTE failures from one address for a username answers 429", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await awayFromWindowEnd();
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await postLogin(t, { username: "jane", password: "wrong-guess" }, {
        address: "10.0.0.1",
      });
      assert.equal(response.status, 401);
    }
    await assertLimited(
      await postLogin(t, { username: "JANE", password: PASSWORD }, { address: "10.0.0.1" }),
    );
    const elsewhere = await postLogin(t, { username: "jane", password: PASSWORD }, {
      address: "10.0.0.2",
    });
    assert.equal(elsewhere.status, 201);
  }, LIMIT);
});

Deno.test("one client address is limited across usernames, other addresses are not", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await awayFromWindowEnd();
    for (const username of ["a", "b", "c", "d", "e"]) {
      const response = await postLogin(t, { username, password: "x" }, { address: "10.1.1.1" });
      assert.equal(response.status, 401);
    }
    await assertLimited(
      await postLogin(t, { username: "jane", password: PASSWORD }, { address: "10.1.1.1" }),
    );
    const elsewhere = await postLogin(t, { username: "jane", password: PASSWORD }, {
      address: "10.2.2.2",
    });
    assert.equal(elsewhere.status, 201);
  }, LIMIT);
});

Deno.test("strangers guessing from many addresses cannot lock a user out of a known address", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "admin2", admin: true });
    await awayFromWindowEnd();
    const home = "10.9.9.9";
    assert.equal(
      (await postLogin(t, { username: "admin2", password: PASSWORD }, { address: home })).status,
      201,
    );
    // A distributed guesser: one failure per address, more than the hourly user limit.
    for (let i = 0; i < 10; i++) {
      const response = await postLogin(t, { username: "admin2", password: `guess-${i}` }, {
        address: `10.3.0.${i}`,
      });
      assert.equal(response.status, i < 6 ? 401 : 429, `guess ${i}`);
    }
    // Brute force stays stopped on new addresses, even with the right password...
    await assertLimited(
      await postLogin(t, { username: "admin2", password: PASSWORD }, { address: "10.4.4.4" }),
    );
    // ...while the user's known address is not locked out.
    assert.equal(
      (await postLogin(t, { username: "admin2", password: PASSWORD }, { address: home })).status,
      201,
    );
  }, LIMIT);
});

Deno.test("successful logins do not use up the allowance", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "jane" });
    await awayFromWindowEnd();
    for (let login = 0; login < 5; login++) {
      const response = await postLogin(t, { username: "jane", password: PASSWORD });
      assert.equal(response.status, 201, `login ${login + 1}`);
    }
  }, LIMIT);
});

/**
 * Runs 20 concurrent attempts through two limiters on two connections to one store, then
 * `contended` on one counter (`assertExactUnderContention`).
 */
async function assertSharedCounter(a: Collection, b: Collection, contended: number) {
  const now = () => 1_700_000_000_000;
  const limiters = [a, b].map((collection) =>
    createLoginRateLimiter(collection, { limit: 5, now })
  );
  const verdicts = await Promise.all(
    Array.from({ length: 20 }, (_, i) => limiters[i % 2]!.hit("user:shared")),
  );
  assert.equal(verdicts.filter((verdict) => verdict.allowed).length, 5);
  assert.equal((await limiters[0]!.hit("user:other")).allowed, true);
  await assertExactUnderContention(limiters, a, contended);
}

/**
 * `n` concurrent attempts on one counter within a limit of `n`, through both limiters: every one
 * allowed (none refused for losing a race), the counter at exactly `n`, the next refused; 10
 * refunds give exactly 10 back.
 */
async function assertExactUnderContention(
  limiters: LoginRateLimiter[],
  counters: Collection,
  n: number,
) {
  const rule = { limit: n, windowMs: 60_000 };
  const verdicts = await Promise.all(
    Array.from({ length: n }, (_, i) => limiters[i % 2]!.hit("pair:busy", rule)),
  );
  assert.deepEqual(verdicts.filter((verdict) => !verdict.allowed), []);
  const counterId = verdicts[0]!.counterId!;
  assert.equal((await counters.findOne({ _id: counterId }))?.count, n);
  assert.equal((await limiters[0]!.hit("pair:busy", rule)).allowed, false);
  assert.equal((await counters.findOne({ _id: counterId }))?.count, n);
  await Promise.all(verdicts.slice(0, 10).map((v, i) => limiters[i % 2]!.refund(v.counterId!)));
  assert.equal((await counters.findOne({ _id: counterId }))?.count, n - 10);
}

Deno.test("two store connections (two processes) share the login counters: SQLite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "auth_limit_" });
  const stores: DocumentStore[] = [0, 1].map(() =>
    createSqliteDocumentStore({ path: `${dir}/db.sqlite` })
  );
  try {
    await assertSharedCounter(stores[0]!.collection("limits"), stores[1]!.collection("limits"), 50);
  } finally {
    for (const store of stores) await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "two store connections (two processes) share the login counters: MongoDB",
  ignore: !engineUrl("MONGO_URI"),
  async fn() {
    const dbName = uniqueName("auth_limit");
    const clients = [0, 1].map(() => new MongoClient(engineUrl("MONGO_URI")!));
    const stores = clients.map((client) => createMongoDocumentStore({ client, dbName }));
    try {
      await assertSharedCounter(
        stores[0]!.collection("limits"),
        stores[1]!.collection("limits"),
        50,
      );
    } finally {
      await clients[0]!.db(dbName).dropDatabase();
      for (const store of stores) await store.close();
    }
  },
});

Deno.test("a new window starts a fresh count and a refund gives an attempt back", async () => {
  const dir = await Deno.makeTempDir({ prefix: "auth_limit_" });
  const store = createSqliteDocumentStore({ path: `${dir}/db.sqlite` });
  try {
    let time = 120_000 + 45_000;
    const limiter = createLoginRateLimiter(store.collection("limits"), {
      limit: 2,
      now: () => time,
    });
    const first = await limiter.hit("k");
    assert.deepEqual([first.allowed, first.retryAfterSeconds], [true, 15]);
    assert.equal((await limiter.hit("k")).allowed, true);
    assert.equal((await limiter.hit("k")).allowed, false);
    await limiter.refund(first.counterId!);
    assert.equal((await limiter.hit("k")).allowed, true);
    time += 15_000;
    assert.equal((await limiter.hit("k")).allowed, true);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
