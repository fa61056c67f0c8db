/**
 * `POST /api/prepopulate` on the embedded default and on the real engines: off by default (404,
 * nothing erased); on, a bad request is a 400 that erases nothing, and an erase really empties
 * the document store, the search index and the waiting tasks, and ends the sessions.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { loginAs } from "../_auth.ts";
import { clientFor } from "../_client.ts";
import { engineMissing, ENGINES, engineTestApp, suiteTest } from "../_engine_app.ts";
import { type TestApp } from "../_app.ts";

const ITEMS = [{ slugline: "ONE", type: "text" }, { slugline: "TWO", type: "text" }];

async function storedItems(app: TestApp): Promise<number> {
  const { registry, documents } = app.platform;
  const source = registry.service("archive").definition.datasource.source;
  return await documents.collection(source).count({});
}

const TESTING = { env: { SUPERDESK_TESTING: "true" } };

for (const engine of ENGINES) {
  const ignore = engineMissing(engine);
  const off = suiteTest(engine, async () => ({ app: await engineTestApp(engine) }), { ignore });
  const on = suiteTest(engine, async () => ({ app: await engineTestApp(engine, TESTING) }), {
    ignore,
  });

  off(
    "prepopulate: off by default, the route is unknown and nothing is erased",
    async ({ app }) => {
      await app.platform.registry.service("archive").create(ITEMS, SYSTEM_ACTOR);
      const response = await clientFor(app).post("/api/prepopulate", {});
      assert.equal(response.status, 404);
      assert.equal(response.headers.get("content-type"), "application/json");
      await response.body?.cancel();
      assert.equal(await storedItems(app), 2);
      assert.equal(await app.platform.search.count("archive"), 2);
    },
  );

  on(
    "prepopulate: erase empties the documents, the index and the waiting tasks",
    async ({ app }) => {
      const { documents, search, queue } = app.platform;
      await app.platform.registry.service("archive").create(ITEMS, SYSTEM_ACTOR);
      await documents.collection("leftovers").insertMany([{ _id: "x" }]);
      await queue.enqueue("prepopulate_test_ready", {}, { uniqueKey: "prepopulate-test" });
      await queue.enqueue("prepopulate_test_delayed", {}, { delay: 600_000 });
      const user = await loginAs(app, { username: "writer" });
      assert.equal(await search.count("archive"), 2);

      const client = clientFor(app);
      const unknown = await client.post("/api/prepopulate", { profile: "nope" });
      assert.equal(unknown.status, 400);
      assert.match((await unknown.json())._message, /no profile "nope"/);
      const badBody = await client.post("/api/prepopulate", { remove_first: "yes", x: 1 });
      assert.equal(badBody.status, 400);
      assert.deepEqual((await badBody.json())._issues, {
        remove_first: "must be of boolean type",
        x: "unknown field",
      });
      assert.equal(await storedItems(app), 2, "a refused request erases nothing");

      const done = await client.post("/api/prepopulate", {
        profile: "app_prepopulate_data_test",
      });
      assert.equal(done.status, 201);
      assert.equal((await done.json())._status, "OK");
      assert.equal(await storedItems(app), 0);
      assert.equal(await documents.collection("leftovers").count({}), 0);
      assert.equal(await search.count("archive"), 0);
      assert.equal(await queue.purgeWaiting(), 0, "no task was left waiting");
      const stale = await user.get("/api/users");
      assert.equal(stale.status, 401, "the erased session no longer signs in");
      await stale.body?.cancel();
      const users = app.platform.registry.service("users");
      assert.ok(await users.findOne({ username: "admin_other" }));
      assert.ok(await users.findOne({ username: "test_user" }));
      assert.equal(await users.findOne({ username: "writer" }), null);
      const vocabularies = app.platform.registry.service("vocabularies").definition;
      assert.ok(
        await documents.collection(vocabularies.datasource.source).count({}) > 0,
        "app:initialize_data's reference data is loaded",
      );
    },
  );
}

for (const value of ["false", "0", ""]) {
  suiteTest("embedded", async () => ({
    app: await engineTestApp("embedded", { env: { SUPERDESK_TESTING: value } }),
  }))(`prepopulate: SUPERDESK_TESTING="${value}" is off, the route unknown`, async ({ app }) => {
    await app.platform.registry.service("archive").create(ITEMS, SYSTEM_ACTOR);
    const response = await clientFor(app).post("/api/prepopulate", {});
    assert.equal(response.status, 404);
    await response.body?.cancel();
    assert.equal(await storedItems(app), 2);
  });
}

/** An app whose log resolves `waiting` once a reset waits for the requests in flight. */
async function appWithResetLog() {
  const waiting = Promise.withResolvers<void>();
  const log = createLogger({
    sink: (line) => {
      if (JSON.parse(line).msg === "reset waits for the requests in flight") waiting.resolve();
    },
  });
  return { app: await engineTestApp("embedded", { ...TESTING, log }), waiting: waiting.promise };
}

suiteTest("embedded", appWithResetLog)(
  "prepopulate: requests during a reset get 503 in front of every module's routes",
  async ({ app, waiting }) => {
    // An administrator: a writer's upload is refused (403) before it reads its body.
    const user = await loginAs(app, { username: "writer", admin: true });
    // An upload whose body is still arriving keeps a request in flight until it is closed.
    const body = new TransformStream<Uint8Array, Uint8Array>();
    const writer = body.writable.getWriter();
    const upload = app.app.request("/api/attachments", {
      method: "POST",
      headers: {
        Authorization: `Basic ${btoa(`${user.token}:`)}`,
        "Content-Type": "multipart/form-data; boundary=b",
      },
      body: body.readable,
    });
    await writer.write(new TextEncoder().encode("--b\r\n"));
    const reset = clientFor(app).post("/api/prepopulate", {
      profile: "app_prepopulate_data_test",
    });
    let settled = false;
    reset.finally(() => settled = true);
    // The reset has read its body and profile and now waits for the upload in flight.
    await Promise.race([
      waiting,
      reset.then(() => Promise.reject(new Error("the reset did not wait for the upload"))),
    ]);
    const during = await user.get("/api/users");
    assert.equal(settled, false, "the reset waits for the upload in flight");
    assert.equal(during.status, 503);
    assert.equal(during.headers.get("retry-after"), "1");
    assert.match((await during.json())._message, /being reset by prepopulate/);
    await writer.close();
    const uploaded = await upload;
    assert.equal(uploaded.status, 400, "the upload was admitted, and refused its broken body");
    await uploaded.body?.cancel();
    assert.equal((await reset).status, 201);
    const after = await clientFor(app).post("/api/auth_db", {
      username: "test_user",
      password: "test_password",
    });
    assert.equal(after.status, 201, "requests are admitted again once the reset is done");
    await after.body?.cancel();
    const get = await clientFor(app).get("/api/prepopulate");
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST, OPTIONS");
    await get.body?.cancel();
  },
);

suiteTest("embedded", async () => ({
  app: await engineTestApp("embedded", { env: { ...TESTING.env, PASSWORD_MIN_LENGTH: "20" } }),
}))(
  "prepopulate: the default profile's administrators and the test user sign in whatever PASSWORD_MIN_LENGTH says",
  async ({ app }) => {
    const client = clientFor(app);
    const done = await client.post("/api/prepopulate", {});
    assert.equal(done.status, 201, await done.clone().text());
    await done.body?.cancel();
    for (const [username, password] of [["admin", "admin"], ["test_user", "test_password"]]) {
      const login = await client.post("/api/auth_db", { username, password });
      assert.equal(login.status, 201, `${username}: ${await login.clone().text()}`);
      const token = (await login.json()).token;
      const stored = await app.platform.registry.service("users").findOne({ username });
      assert.match(String(stored?.password), /^\$2[aby]\$/, "stored as a bcrypt hash");
      if (username !== "admin") continue;
      // A request is still held to the minimum length.
      const short = await clientFor(app, token).post("/api/users", {
        username: "shorty",
        password: "short-pass",
        email: "shorty@example.com",
      });
      assert.equal(short.status, 400);
      assert.deepEqual((await short.json())._issues, { password: { minlength: 1 } });
    }
  },
);

suiteTest("embedded", async () => ({ app: await engineTestApp("embedded", TESTING) }))(
  "prepopulate: an engine failing mid-erase is a 503 that leaves no gate or lock behind",
  async ({ app }) => {
    const { registry, search } = app.platform;
    await registry.service("archive").create(ITEMS, SYSTEM_ACTOR);
    const user = await loginAs(app, { username: "writer" });
    const remove = search.remove;
    // The search engine goes away after the waiting tasks were purged, before any document went.
    search.remove = () => Promise.reject(new ServiceUnavailableError("search engine unavailable"));
    const failed = await clientFor(app).post("/api/prepopulate", {});
    search.remove = remove;
    assert.equal(failed.status, 503);
    assert.match((await failed.json())._message, /search engine unavailable/);
    const next = await user.get("/api/users");
    assert.equal(next.status, 200, "the gate let requests in again");
    await next.body?.cancel();
    const again = await clientFor(app).post("/api/prepopulate", {});
    assert.equal(again.status, 201, "the lock was released");
    await again.body?.cancel();
    assert.equal(await storedItems(app), 0);
    assert.equal(await search.count("archive"), 0);
  },
);
