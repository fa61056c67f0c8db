/**
 * A PATCH is checked on the fields it touches, as Eve's partial validation: a touched field's
 * issue is reported whether or not the rest of the stored document fits the schema (a stored
 * date is a `Date`, a trusted write may have stored what a client could not send), and a
 * stored field that does not fit never blocks a change to another field. Both setups, on a
 * versioned resource (so the general update path runs, not the embedded store's field splice).
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { DateTimeField, defineApp, defineResource, SYSTEM_ACTOR } from "../../src/app_api.ts";
import { suiteTest } from "../_engine_app.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";

const entries = defineResource({
  name: "partial_entries",
  schema: Type.Object({
    title: Type.String({ maxLength: 10 }),
    count: Type.Optional(Type.Integer()),
    when: Type.Optional(DateTimeField()),
    slot: Type.Optional(Type.Object({ at: DateTimeField(), note: Type.Optional(Type.String()) })),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  versioning: true,
});

const entriesModule = defineApp({
  name: "partial_validation_test",
  register(app) {
    app.resource(entries);
  },
});

const mongoUri = engineUrl("MONGO_URI");
for (const [name, uri] of [["embedded", undefined], ["mongodb", mongoUri]] as const) {
  const test = suiteTest(name, async () => {
    const app = await createTestApp({ apps: [entriesModule], mongoUri: uri });
    return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
  }, { ignore: name === "mongodb" && !mongoUri });

  test("a touched field's issue is reported beside a stored date", async ({ admin }) => {
    const created = await (await admin.post("/api/partial_entries", {
      title: "first",
      when: "2026-01-02T03:04:05+0000",
    })).json();
    const url = `/api/partial_entries/${created._id}`;
    const tooLong = await admin.patch(url, { title: "far too long a title" }, {
      etag: created._etag,
    });
    assert.equal(tooLong.status, 400);
    assert.deepEqual((await tooLong.json())._issues, { title: "max length is 10" });
    const unknown = await admin.patch(url, { colour: "red" }, { etag: created._etag });
    assert.equal(unknown.status, 400);
    assert.deepEqual((await unknown.json())._issues, { colour: "unknown field" });
    const wrongType = await admin.patch(url, { count: "many" }, { etag: created._etag });
    assert.equal(wrongType.status, 400);
    assert.deepEqual(Object.keys((await wrongType.json())._issues), ["count"]);
    const fine = await admin.patch(url, { title: "second", count: 2 }, { etag: created._etag });
    assert.equal(fine.status, 200);
    const stored = await (await admin.get(url)).json();
    assert.deepEqual([stored.title, stored.count, stored.when], [
      "second",
      2,
      "2026-01-02T03:04:05+0000",
    ]);
  });

  test("a field whose name holds `/` or `~` gets its issue under that name", async ({ admin }) => {
    // TypeBox escapes such keys in its error paths (RFC 6901: `~1`, `~0`); a PATCH's issues are
    // kept by the touched names, so an escaped one was dropped and the unknown field stored.
    const created = await (await admin.post("/api/partial_entries", { title: "first" })).json();
    const url = `/api/partial_entries/${created._id}`;
    for (const field of ["a/b", "c~d"]) {
      const patched = await admin.patch(url, { [field]: 1 }, { etag: created._etag });
      assert.equal(patched.status, 400, field);
      assert.deepEqual((await patched.json())._issues, { [field]: "unknown field" });
    }
    const posted = await admin.post("/api/partial_entries", { title: "second", "e/f~g": 1 });
    assert.equal(posted.status, 400);
    assert.deepEqual((await posted.json())._issues, { "e/f~g": "unknown field" });
    assert.equal((await (await admin.get(url)).json())._etag, created._etag);
  });

  test("a dotted PATCH of an object holding a stored date is checked on the sent values", async ({ admin }) => {
    const created = await (await admin.post("/api/partial_entries", {
      title: "first",
      slot: { at: "2026-01-02T03:04:05+0000", note: "a" },
    })).json();
    const url = `/api/partial_entries/${created._id}`;
    const noted = await admin.patch(url, { "slot.note": "b" }, { etag: created._etag });
    assert.equal(noted.status, 200, JSON.stringify(await noted.clone().json()));
    const stored = await (await admin.get(url)).json();
    assert.deepEqual(stored.slot, { at: "2026-01-02T03:04:05+0000", note: "b" });
    const wrong = await admin.patch(url, { "slot.at": "yesterday" }, {
      etag: (await noted.json())._etag,
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual((await wrong.json())._issues, { slot: { at: "must be of datetime type" } });
  });

  test("a stored field that does not fit never blocks another field", async ({ app, admin }) => {
    const service = app.platform.registry.service("partial_entries");
    const [stored] = await service.create(
      [{ title: "a title longer than ten", count: 1 }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const url = `/api/partial_entries/${stored!._id}`;
    const current = await (await admin.get(url)).json();
    const counted = await admin.patch(url, { count: 5 }, { etag: current._etag });
    assert.equal(counted.status, 200);
    const stillTooLong = await admin.patch(url, { title: "another long title" }, {
      etag: (await counted.json())._etag,
    });
    assert.equal(stillTooLong.status, 400);
    assert.deepEqual((await stillTooLong.json())._issues, { title: "max length is 10" });
  });
}
