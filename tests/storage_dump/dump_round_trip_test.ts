/**
 * `storage:dump` then `storage:restore`, on the embedded default and on the real engines: the
 * restored store holds exactly the documents dumped (dates, nested ids, every collection, the
 * archived/legal archive/content API ones in Superdesk's databases), in both the directory and
 * the single-file form, and the search index answers from the restored documents. A dump the
 * command cannot read leaves the data as it was.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createUser } from "../../src/auth/create_user.ts";
import type { AppCommand } from "../../src/apps/app_command.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { storageDumpCommand } from "../../src/storage_dump/dump_commands.ts";
import { storageRestoreCommand } from "../../src/storage_dump/restore_commands.ts";
import { type TestApp } from "../_app.ts";
import { engineMissing, ENGINES, engineTestApp, suiteTest } from "../_engine_app.ts";

async function run(app: TestApp, command: AppCommand, args: string[], flags = {}) {
  return await command.run({ positional: args, flags }, {
    config: app.platform.config,
    log: silentLogger,
    services: () => Promise.resolve(app.platform.services),
  });
}

async function everything(app: TestApp): Promise<Map<string, Doc[]>> {
  const { documents } = app.platform;
  const all = new Map<string, Doc[]>();
  for (const name of await documents.collectionNames()) {
    const docs = await documents.collection(name).find({}, { sort: [["_id", 1]] });
    if (docs.length) all.set(name, docs);
  }
  return all;
}

async function seed(app: TestApp) {
  const { registry, documents } = app.platform;
  await createUser(registry, {
    username: "editor",
    password: "a-long-password",
    email: "e@example.com",
    admin: true,
  });
  const [desk] = await registry.service("desks").create([{ name: "Round Trip" }], SYSTEM_ACTOR);
  await registry.service("archive").create([
    { type: "text", headline: "café ☕", slugline: "ONE", task: { desk: desk!._id } },
    { type: "text", headline: "two", keywords: ["a", "b"], body_html: "<p>x</p>" },
  ], SYSTEM_ACTOR);
  await documents.collection("archived").insertMany([
    {
      _id: "urn:archived",
      item_id: "urn:x",
      at: new Date(Date.UTC(2020, 1, 2, 3, 4, 5, 6)),
      _etag: "1".repeat(40),
    },
  ]);
  await documents.collection("legal_archive").insertMany([{
    _id: "urn:legal",
    n: 1.5,
    _etag: "2".repeat(40),
  }]);
  await documents.collection("api_audit").insertMany([{ _id: "5f00000000000000000000aa" }]);
}

for (const engine of ENGINES) {
  const test = suiteTest(engine, async () => ({
    app: await engineTestApp(engine),
    dir: await Deno.makeTempDir({ prefix: "storage_dump_" }),
  }), { ignore: engineMissing(engine) });

  for (const single of [false, true]) {
    const form = single ? "a single file" : "a directory per database";
    test(`storage:dump then storage:restore gives back every document (${form})`, async ({ app, dir }) => {
      try {
        await seed(app);
        const before = await everything(app);
        assert.ok(before.size >= 6);
        const flags = {
          name: "trip",
          "dest-dir": dir,
          description: "round trip",
          ...(single ? { single: true } : {}),
        };
        assert.equal(await run(app, storageDumpCommand, [], flags), 0);
        const db = app.platform.config.mongoDbName;
        if (single) {
          await Deno.stat(join(dir, "trip.json.bz2"));
        } else {
          for (
            const file of [
              `${db}/_sd_dump_metadata.json.bz2`,
              `${db}/archive.json.bz2`,
              "archived/archived.json.bz2",
              "legal_archive/legal_archive.json.bz2",
              "contentapi/api_audit.json.bz2",
            ]
          ) {
            await Deno.stat(join(dir, "trip", file));
          }
        }
        await app.platform.registry.service("archive").create([{
          type: "text",
          headline: "after the dump",
        }], SYSTEM_ACTOR);

        assert.equal(
          await run(app, storageRestoreCommand, [join(dir, single ? "trip.json.bz2" : "trip")]),
          0,
        );
        assert.deepEqual(await everything(app), before);
        assert.equal(await app.platform.search.count("archive"), 2);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }

  test("storage:restore of a dump it cannot read changes nothing", async ({ app, dir }) => {
    try {
      await seed(app);
      const before = await everything(app);
      await Deno.mkdir(join(dir, "bad/superdesk"), { recursive: true });
      await Deno.writeFile(
        join(dir, "bad/superdesk/archive.json.bz2"),
        new TextEncoder().encode("[]"),
      );
      await assert.rejects(
        () => run(app, storageRestoreCommand, [join(dir, "bad")]),
        /not a valid bzip2 stream/,
      );
      await assert.rejects(
        () => run(app, storageRestoreCommand, [join(dir, "missing")]),
        /There is no dump at/,
      );
      await Deno.mkdir(join(dir, "trip/superdesk"), { recursive: true });
      await assert.rejects(
        () => run(app, storageRestoreCommand, [join(dir, "trip/superdesk")]),
        /not a dump \(no <database>\/_sd_dump_metadata/,
      );
      assert.deepEqual(await everything(app), before);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
