/**
 * What superdesk-client-core's Protractor suite found wrong after `POST /api/restore_record`
 * (every test of it starts with one, `specs/highlights_spec.ts` "highlights management"): a
 * highlight, content profile or template restored from a Superdesk dump carries no hidden name
 * key, so a new one of the same name (another case) was taken where Superdesk's `iunique` /
 * `unique_template` refuse it and the client shows its uniqueness error
 * (`HighlightsConfig.ts` reads `_issues.name.unique`). Replayed on the embedded default and on
 * the real engines with a dump and record written here in Superdesk's format; the record's
 * partial update renames a highlight, whose new name is then the taken one.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createUser } from "../../src/auth/create_user.ts";
import { type TestApp } from "../_app.ts";
import { type Client, clientFor } from "../_client.ts";
import { engineMissing, ENGINES, engineTestApp, suiteTest } from "../_engine_app.ts";

const oid = (hex: string) => ({ $oid: hex });
const date = { $date: 1705054421000 };

/** A dump like the client's `legacy` one: two highlights, a profile, a public kill template. */
const DUMP = {
  _sd_dump_metadata: { db: "superdesk_e2e" },
  highlights: [
    { _id: oid("65a110d5bb1238d8ec99389a"), name: "Highlight one", groups: ["main"] },
    { _id: oid("65a110d5bb1238d8ec99389b"), name: "Highlight two", groups: ["main"] },
  ].map((doc) => ({ ...doc, auto_insert: "now/d", desks: [], _created: date, _updated: date })),
  content_types: [{
    _id: oid("65a110d4bb1238d8ec99387d"),
    label: "Story",
    enabled: true,
    _created: date,
    _updated: date,
  }],
  content_templates: [{
    _id: oid("65a110d5bb1238d8ec993899"),
    template_name: "kill",
    template_type: "kill",
    is_public: true,
    data: {},
    _created: date,
    _updated: date,
  }],
};

/** A record's event renaming highlight `hex` by a partial update. */
function renamed(hex: string, name: string) {
  return {
    operationType: "update",
    ns: { db: "superdesk_e2e", coll: "highlights" },
    documentKey: { _id: oid(hex) },
    updateDescription: { updatedFields: { name }, removedFields: [] },
  };
}

/** The record: the dump, then the second highlight renamed by a partial update. */
const RECORD = {
  metadata: { started: 1, base_dump: "legacy" },
  events: [renamed("65a110d5bb1238d8ec99389b", "Highlight Renamed")],
};

/** Registers `fn` per setup on an app whose dump and record directories hold `name`. */
function restoredTest(name: string, dump: unknown, record: unknown) {
  return (title: string, fn: (room: { app: TestApp }) => Promise<void>) => {
    for (const engine of ENGINES) {
      suiteTest(engine, async () => {
        const dir = await Deno.makeTempDir({ prefix: "restored_names_" });
        await Deno.mkdir(join(dir, "full"));
        await Deno.mkdir(join(dir, "records"));
        await Deno.writeTextFile(join(dir, `full/${name}.json`), JSON.stringify(dump));
        await Deno.writeTextFile(join(dir, `records/${name}.json`), JSON.stringify(record));
        const app = await engineTestApp(engine, {
          env: {
            SUPERDESK_TESTING: "true",
            STORAGE_DUMP_DIR: join(dir, "full"),
            STORAGE_RECORD_DIR: join(dir, "records"),
          },
        });
        return { app };
      }, { ignore: engineMissing(engine) })(title, fn);
    }
  };
}

async function issuesOf(response: Response, status: number) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/json");
  return (await response.json())._issues;
}

/** A new highlight configuration, as HighlightsConfig.ts saves it. */
const highlight = (name: string) => ({ name, desks: [], auto_insert: "now/d", groups: [] });

/** Restores record `name` on `app`, then signs an administrator in. */
async function restoreAndSignIn(app: TestApp, name: string): Promise<Client> {
  const restore = await clientFor(app).post("/api/restore_record", { name });
  assert.equal(restore.status, 201, await restore.text());
  const admin = { username: "suite", password: "suite-password-1" };
  await createUser(app.platform.registry, { ...admin, email: "s@example.com", admin: true });
  const login = await clientFor(app).post("/api/auth_db", admin);
  assert.equal(login.status, 201);
  return clientFor(app, (await login.json()).token);
}

restoredTest("legacy", DUMP, RECORD)(
  "the client e2e suite: names restored from a dump stay unique ignoring case",
  async ({ app }) => {
    const client = await restoreAndSignIn(app, "legacy");

    for (const name of ["Highlight One", "highlight renamed"]) {
      const issues = await issuesOf(await client.post("/api/highlights", highlight(name)), 400);
      assert.deepEqual(issues, { name: { unique: 1 } }, name);
    }
    const free = await client.post("/api/highlights", highlight("highlight two"));
    assert.equal(free.status, 201, "the renamed highlight's old name is free");
    await free.body?.cancel();

    const profile = await client.post("/api/content_types", { label: "STORY" });
    assert.ok((await issuesOf(profile, 400)).label, "a restored profile's label is taken");
    const template = await client.post("/api/content_templates", {
      template_name: "Kill",
      template_type: "create",
      is_public: true,
      data: {},
    });
    assert.deepEqual(await issuesOf(template, 400), {
      is_public: "Template Name is not unique",
      template_name: "Template Name is not unique",
    });
  },
);

/** A dump whose highlight names differ only in case (Superdesk's `iunique` is the API's alone). */
const CLASHING_DUMP = {
  _sd_dump_metadata: { db: "superdesk_e2e" },
  highlights: [
    { _id: oid("65a110d5bb1238d8ec9938a1"), name: "Sports" },
    { _id: oid("65a110d5bb1238d8ec9938a2"), name: "SPORTS" },
    { _id: oid("65a110d5bb1238d8ec9938a3"), name: "Politics" },
    { _id: oid("65a110d5bb1238d8ec9938a5"), name: "Culture" },
  ].map((doc) => ({ ...doc, auto_insert: "now/d", desks: [], groups: ["main"] })),
};

/** The record: "Politics" renamed to a name the dump's "Sports" holds, then a new "sports". */
const CLASHING_RECORD = {
  metadata: { started: 1, base_dump: "clashing" },
  events: [renamed("65a110d5bb1238d8ec9938a3", "sports "), {
    operationType: "update",
    ns: { db: "superdesk_e2e", coll: "highlights" },
    documentKey: { _id: oid("65a110d5bb1238d8ec9938a5") },
    updateDescription: { updatedFields: {}, removedFields: ["name"] },
  }, {
    operationType: "insert",
    ns: { db: "superdesk_e2e", coll: "highlights" },
    documentKey: { _id: oid("65a110d5bb1238d8ec9938a4") },
    fullDocument: {
      _id: oid("65a110d5bb1238d8ec9938a4"),
      name: "sPorts",
      auto_insert: "now/d",
      desks: [],
      groups: [],
    },
  }],
};

restoredTest("clashing", CLASHING_DUMP, CLASHING_RECORD)(
  "the client e2e suite: a dump whose names differ only in case restores whole",
  async ({ app }) => {
    const client = await restoreAndSignIn(app, "clashing");
    const list = await client.get("/api/highlights?max_results=50");
    assert.equal(list.status, 200);
    const names = (await list.json())._items.map((h: { name: string }) => h.name).sort();
    assert.deepEqual(names, ["SPORTS", "Sports", "sPorts", "sports ", undefined], "all restored");
    const again = await client.post("/api/highlights", highlight("SpOrTs"));
    assert.deepEqual(await issuesOf(again, 400), { name: { unique: 1 } }, "still taken");
    for (const name of ["politics", "culture"]) {
      const free = await client.post("/api/highlights", highlight(name));
      assert.equal(free.status, 201, `${name}: the renamed or unnamed highlight's name is free`);
      await free.body?.cancel();
    }
  },
);
