/**
 * `POST /api/restore_record` on the embedded default and on the real engines, with a record in
 * Superdesk's format written for these tests (`fixtures/`, made with Python's `bz2` and
 * `json`, as `storage:record` writes them): its base dump is restored, its events of each kind
 * applied in order, the search index rebuilt (the desk's monitoring card lists its items), and
 * the dump's administrator (a bcrypt hash, as Superdesk stores it) signs in. An unknown name, a
 * path or a corrupt file is a 400 that erases nothing; without SUPERDESK_TESTING the route is
 * unknown.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { UsageError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { storageRestoreRecordCommand } from "../../src/storage_dump/restore_commands.ts";
import { hashSessionToken } from "../../src/auth/session_token.ts";
import { type TestApp } from "../_app.ts";
import { type Client, clientFor } from "../_client.ts";
import { engineMissing, ENGINES, engineTestApp, suiteTest } from "../_engine_app.ts";
import { stageCardUrl } from "../newsroom/_monitoring_queries.ts";

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
const DESK = "5f0000000000000000000010";
const WORKING_STAGE = "5f0000000000000000000011";
const USER = "5f0000000000000000000001";

function testingEnv(dumpDir = join(FIXTURES, "full"), recordDir = join(FIXTURES, "records")) {
  return {
    env: { SUPERDESK_TESTING: "true", STORAGE_DUMP_DIR: dumpDir, STORAGE_RECORD_DIR: recordDir },
  };
}

async function signIn(app: TestApp): Promise<Client> {
  const response = await clientFor(app).post("/api/auth_db", {
    username: "admin",
    password: "admin",
  });
  assert.equal(response.status, 201);
  return clientFor(app, (await response.json()).token);
}

/** The restored desk's working stage, as the client's monitoring card asks for it. */
async function deskItems(admin: Client): Promise<string[]> {
  const response = await admin.get(stageCardUrl(WORKING_STAGE, USER));
  assert.equal(response.status, 200);
  const body = await response.json();
  return body._items.map((item: { _id: string }) => item._id).sort();
}

async function archiveCount(app: TestApp): Promise<number> {
  return await app.platform.documents.collection("archive").count({});
}

for (const engine of ENGINES) {
  const ignore = engineMissing(engine);
  const on = suiteTest(engine, async () => ({ app: await engineTestApp(engine, testingEnv()) }), {
    ignore,
  });
  const off = suiteTest(engine, async () => ({ app: await engineTestApp(engine) }), { ignore });

  on(
    "restore_record: the base dump, then each event kind in order, then the index",
    async ({ app }) => {
      await app.platform.registry.service("archive").create(
        [{ slugline: "OLD", type: "text" }],
        SYSTEM_ACTOR,
      );
      const response = await clientFor(app).post("/api/restore_record", { name: "newsroom" });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get("content-type"), "application/json");
      assert.deepEqual(await response.json(), {
        _id: "OK",
        _status: "OK",
        _links: { self: { title: "Restore_record", href: "restore_record/OK" } },
      });
      const admin = await signIn(app);
      // insert: three; delete: two; the item created before the restore is gone.
      assert.deepEqual(await deskItems(admin), ["urn:fixture:one", "urn:fixture:three"]);
      assert.equal(await archiveCount(app), 2);

      const one = await admin.get("/api/archive/urn:fixture:one");
      assert.equal(one.status, 200);
      const item = await one.json();
      assert.equal(item.headline, "first story, edited", "update: $set of updatedFields");
      assert.equal(item.abstract, undefined, "update: $unset of removedFields");
      assert.equal(item._updated, "2023-11-14T22:14:20+0000");
      assert.deepEqual(item.task, {
        desk: DESK,
        stage: "5f0000000000000000000011",
        user: "5f0000000000000000000001",
      });

      const desk = await (await admin.get(`/api/desks/${DESK}`)).json();
      assert.equal(desk.name, "Fixture Desk Renamed", "update with fullDocument replaces");
      assert.equal(desk._etag, "9".repeat(40));
      const patched = await admin.patch(`/api/desks/${DESK}`, { description: "x" }, {
        etag: desk._etag,
      });
      assert.equal(patched.status, 200, "the restored etag guards a write");

      const cv = await (await admin.get("/api/vocabularies/fixture_cv")).json();
      assert.equal(cv.display_name, "Fixture CV replaced", "replace");

      const stages = await (await admin.get("/api/stages")).json();
      assert.equal(stages._meta.total, 2);

      const sessions = app.platform.documents.collection("auth");
      const restored = await sessions.findOne({ _id: "5f0000000000000000000002" });
      assert.equal(restored?.token_hash, hashSessionToken("old-token-1"));
      assert.equal(restored?.token, undefined, "the token is kept only as its hash");
      const sequence = await app.platform.documents.collection("sequences").findOne({});
      assert.equal(sequence?.sequence_number, 7, "$numberLong");
    },
  );

  on(
    "restore_record: a record without base dump applies its events on the data as it is",
    async ({ app }) => {
      const client = clientFor(app);
      assert.equal((await client.post("/api/restore_record", { name: "newsroom" })).status, 201);
      const response = await client.post("/api/restore_record", { name: "no_base" });
      assert.equal(response.status, 201);
      await response.body?.cancel();
      assert.deepEqual(await deskItems(await signIn(app)), ["urn:fixture:one"]);
    },
  );

  on(
    "restore_record: unknown names, paths and bad bodies are 400s that erase nothing",
    async ({ app }) => {
      await app.platform.registry.service("archive").create(
        [{ slugline: "KEEP", type: "text" }],
        SYSTEM_ACTOR,
      );
      const client = clientFor(app);
      const unknown = await client.post("/api/restore_record", { name: "nope" });
      assert.equal(unknown.status, 400);
      assert.match((await unknown.json())._message, /There is no record at nope/);
      for (
        const [body, issues] of [
          [{}, { name: "required field" }],
          [{ name: 3, x: 1 }, { name: "must be of string type", x: "unknown field" }],
          [{ name: "../records/newsroom" }, { name: "must be a record's name, not a path" }],
        ] as const
      ) {
        const response = await client.post("/api/restore_record", body);
        assert.equal(response.status, 400);
        assert.deepEqual((await response.json())._issues, issues);
      }
      // Names are looked for under STORAGE_RECORD_DIR only, never in the working directory.
      for (const name of ["deno.json", "src"]) {
        await Deno.stat(name); // the test runs at the repository's root
        const response = await client.post("/api/restore_record", { name });
        assert.equal(response.status, 400, name);
        assert.match((await response.json())._message, new RegExp(`There is no record at ${name}`));
      }
      assert.equal(await archiveCount(app), 1);
      assert.equal(await app.platform.search.count("archive"), 1);
      const openapi = await (await client.get("/api/openapi.json")).json();
      const body = openapi.paths["/restore_record"].post.requestBody.content["application/json"];
      assert.deepEqual(body.schema.required, ["name"]);
    },
  );

  on("restore_record: concurrent calls run one after the other", async ({ app }) => {
    const client = clientFor(app);
    const answers = await Promise.all([
      client.post("/api/restore_record", { name: "newsroom" }),
      client.post("/api/restore_record", { name: "newsroom" }),
    ]);
    for (const answer of answers) {
      assert.equal(answer.status, 201);
      await answer.body?.cancel();
    }
    assert.equal(await archiveCount(app), 2);
    assert.deepEqual(await deskItems(await signIn(app)), ["urn:fixture:one", "urn:fixture:three"]);
  });

  on("storage:restore-record needs --force-db-reset to erase, then restores", async ({ app }) => {
    await app.platform.registry.service("archive").create(
      [{ slugline: "KEEP", type: "text" }],
      SYSTEM_ACTOR,
    );
    const ctx = {
      config: app.platform.config,
      log: silentLogger,
      services: () => Promise.resolve(app.platform.services),
    };
    await assert.rejects(
      () => storageRestoreRecordCommand.run({ positional: ["newsroom"], flags: {} }, ctx),
      (error: unknown) => error instanceof UsageError && /--force-db-reset/.test(error.message),
    );
    assert.equal(await archiveCount(app), 1, "refused: nothing erased");
    const flags = { "force-db-reset": true as const };
    assert.equal(
      await storageRestoreRecordCommand.run({ positional: ["newsroom"], flags }, ctx),
      0,
    );
    assert.deepEqual(await deskItems(await signIn(app)), ["urn:fixture:one", "urn:fixture:three"]);
  });

  off("restore_record: off without SUPERDESK_TESTING, the route is unknown", async ({ app }) => {
    await app.platform.registry.service("archive").create(
      [{ slugline: "KEEP", type: "text" }],
      SYSTEM_ACTOR,
    );
    const response = await clientFor(app).post("/api/restore_record", { name: "newsroom" });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("content-type"), "application/json");
    await response.body?.cancel();
    assert.equal(await archiveCount(app), 1);
  });
}

for (const engine of ENGINES) {
  const corrupt = suiteTest(engine, async () => {
    const dir = await Deno.makeTempDir({ prefix: "corrupt_dump_" });
    await Deno.mkdir(join(dir, "records"));
    await Deno.copyFile(
      join(FIXTURES, "records/newsroom.json.bz2"),
      join(dir, "records/newsroom.json.bz2"),
    );
    await copyDir(join(FIXTURES, "full/newsroom"), join(dir, "full/newsroom"));
    const desks = join(dir, "full/newsroom/superdesk_e2e/desks.json.bz2");
    const bytes = await Deno.readFile(desks);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await Deno.writeFile(desks, bytes);
    await Deno.writeFile(join(dir, "records/plain.json.bz2"), new TextEncoder().encode("{}"));
    await Deno.mkdir(join(dir, "records/folder"));
    // Base dumps the engine refuses part of: an id twice in a collection; nested arrays
    // (an Editor3 table's cells), which FerretDB refuses.
    const baseDump = async (name: string, archive: unknown[]) => {
      const dump = { _sd_dump_metadata: { db: "superdesk_e2e" }, archive };
      await Deno.writeTextFile(join(dir, `full/${name}.json`), JSON.stringify(dump));
      await Deno.writeTextFile(
        join(dir, `records/${name}.json`),
        JSON.stringify({ metadata: { started: 1, base_dump: name }, events: [] }),
      );
    };
    await baseDump("twice", [{ _id: "urn:twice" }, { _id: "urn:twice" }]);
    await Deno.writeTextFile(
      join(dir, "full/badname.json"),
      JSON.stringify({ _sd_dump_metadata: { db: "superdesk_e2e" }, "a.b": [{ _id: "x" }] }),
    );
    await Deno.writeTextFile(
      join(dir, "records/badname.json"),
      JSON.stringify({ metadata: { started: 1, base_dump: "badname" }, events: [] }),
    );
    await baseDump("table", [{ _id: "urn:table", fields_meta: { cells: [[{ text: "a" }]] } }]);
    // Collection names MongoDB refuses on its first command (a `$`, too long a name).
    for (const [name, collection] of [["dollar", "a$b"], ["longname", "c".repeat(300)]] as const) {
      await Deno.writeTextFile(
        join(dir, `full/${name}.json`),
        JSON.stringify({
          _sd_dump_metadata: { db: "superdesk_e2e" },
          [collection]: [{ _id: "x" }],
        }),
      );
      await Deno.writeTextFile(
        join(dir, `records/${name}.json`),
        JSON.stringify({ metadata: { started: 1, base_dump: name }, events: [] }),
      );
    }
    // Update events whose paths no engine takes: an empty segment; a path set under one removed.
    const update = (id: string, updatedFields: unknown, removedFields: string[]) => ({
      operationType: "update",
      ns: { coll: "archive" },
      documentKey: { _id: id },
      updateDescription: { updatedFields, removedFields },
    });
    const inserted = {
      operationType: "insert",
      ns: { coll: "archive" },
      fullDocument: { _id: "u" },
    };
    for (
      const [name, event] of [
        ["emptysegment", update("u", { "a..b": 1 }, [])],
        ["conflict", update("u", { "a.b": 2 }, ["a"])],
      ] as const
    ) {
      await Deno.writeTextFile(
        join(dir, `records/${name}.json`),
        JSON.stringify({ metadata: { started: 1 }, events: [inserted, event] }),
      );
    }
    const duplicate = {
      operationType: "insert",
      ns: { coll: "archive" },
      fullDocument: { _id: "urn:dup" },
    };
    await Deno.writeTextFile(
      join(dir, "records/dup.json"),
      JSON.stringify({ metadata: { started: 1 }, events: [duplicate] }),
    );
    const app = await engineTestApp(engine, testingEnv(join(dir, "full"), join(dir, "records")));
    return { app, dir };
  }, { ignore: engineMissing(engine) });

  corrupt(
    "restore_record: a corrupt bz2 file is a 400 that erases nothing; a refused write is a 400",
    async ({ app, dir }) => {
      try {
        await app.platform.registry.service("archive").create(
          [{ slugline: "KEEP", type: "text" }],
          SYSTEM_ACTOR,
        );
        const client = clientFor(app);
        const response = await client.post("/api/restore_record", { name: "newsroom" });
        assert.equal(response.status, 400);
        assert.match(
          (await response.json())._message,
          /desks\.json\.bz2".*not a valid bzip2 stream/,
        );
        const plain = await client.post("/api/restore_record", { name: "plain" });
        assert.equal(plain.status, 400);
        assert.match((await plain.json())._message, /plain\.json\.bz2".*bzip2/);
        const folder = await client.post("/api/restore_record", { name: "folder" });
        assert.equal(folder.status, 400, "a directory where a record is expected is a 400");
        assert.match((await folder.json())._message, /folder".*a directory, not a file/);
        const twice = await client.post("/api/restore_record", { name: "twice" });
        assert.equal(twice.status, 400, "an id twice in a dump collection is refused");
        assert.match((await twice.json())._message, /"archive".*refused.*nothing is erased/);
        assert.equal(await archiveCount(app), 1, "refused before the erase");
        await app.platform.documents.collection("archive").insertMany([{ _id: "urn:dup" }]);
        const refused = await client.post("/api/restore_record", { name: "dup" });
        assert.equal(refused.status, 400, "a write the store refuses is a 400, not a 500");
        assert.match(
          (await refused.json())._message,
          /Cannot restore into "archive".*refused.*partly restored/,
        );
        await app.platform.documents.collection("archive").deleteOne({ _id: "urn:dup" });
        assert.equal(await archiveCount(app), 1);
        assert.equal(await app.platform.search.count("archive"), 1);
        // MongoDB and SQLite hold nested arrays; FerretDB refuses them, before the erase.
        const table = await client.post("/api/restore_record", { name: "table" });
        if (table.status === 400) {
          assert.match((await table.json())._message, /"archive".*nothing is erased/);
          assert.equal(await archiveCount(app), 1, "refused before the erase");
        } else {
          assert.equal(table.status, 201);
          await table.body?.cancel();
          const restored = await app.platform.documents.collection("archive").find({});
          assert.deepEqual(restored.map((doc) => doc._id), ["urn:table"]);
        }
        // A collection "a.b": MongoDB takes the name, the embedded store refuses it, before
        // the erase (it was a 500 after the erase).
        const before = await archiveCount(app);
        const badName = await client.post("/api/restore_record", { name: "badname" });
        if (badName.status === 400) {
          assert.match((await badName.json())._message, /"a\.b".*nothing is erased/);
          assert.equal(await archiveCount(app), before, "refused before the erase");
        } else {
          assert.equal(badName.status, 201);
          await badName.body?.cancel();
        }
        // Names and update paths the engine refuses: a 400 before the erase, on both setups.
        await app.platform.registry.service("archive").create(
          [{ _id: "urn:keep", slugline: "KEEP", type: "text" }],
          SYSTEM_ACTOR,
        );
        for (const name of ["dollar", "emptysegment", "conflict"]) {
          const refusedEarly = await client.post("/api/restore_record", { name });
          assert.equal(refusedEarly.status, 400, name);
          assert.match((await refusedEarly.json())._message, /nothing is erased/, name);
          const kept = await app.platform.documents.collection("archive").findOne({
            _id: "urn:keep",
          });
          assert.equal(kept?.slugline, "KEEP", `${name}: refused before the erase`);
        }
        // A 300-character name: MongoDB refuses it (before the erase), the embedded store takes it.
        const long = await client.post("/api/restore_record", { name: "longname" });
        if (long.status === 400) {
          assert.match((await long.json())._message, /nothing is erased/);
          const kept = await app.platform.documents.collection("archive").findOne({
            _id: "urn:keep",
          });
          assert.equal(kept?.slugline, "KEEP", "longname: refused before the erase");
        } else {
          assert.equal(long.status, 201);
          await long.body?.cancel();
        }
        const scratch = app.platform.documents.collection("storage_restore_trial");
        assert.equal(await scratch.count({}), 0, "the trial's collection is emptied");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  );
}

async function copyDir(from: string, to: string) {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(join(from, entry.name), join(to, entry.name));
    else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}
