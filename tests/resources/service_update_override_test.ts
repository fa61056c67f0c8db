/**
 * A service that overrides `update` (as several core services do) handles every PATCH of its
 * resource, on both setups: the embedded store's PATCH answered from the stored text
 * (`ResourceService.updateJson`) must not go around the override.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import {
  defineApp,
  defineResource,
  type Doc,
  ResourceService,
  type WriteOptions,
} from "../../src/app_api.ts";
import { suiteTest } from "../_engine_app.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";

const notes = defineResource({
  name: "override_notes",
  schema: Type.Object({
    text: Type.String(),
    edits: Type.Optional(Type.Integer()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
});

/** Counts the PATCHes of a note in the note itself, and refuses an empty text. */
class NotesService extends ResourceService {
  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    const stored = await this.getById(id, options.actor);
    return await super.update(id, { ...input, edits: Number(stored.edits ?? 0) + 1 }, options);
  }
}

const notesModule = defineApp({
  name: "override_notes_test",
  register(app) {
    app.resource(notes, new NotesService(notes, app.services));
  },
});

const mongoUri = engineUrl("MONGO_URI");
for (const [name, uri] of [["embedded", undefined], ["mongodb", mongoUri]] as const) {
  const test = suiteTest(name, async () => {
    const app = await createTestApp({ apps: [notesModule], mongoUri: uri });
    return { app, admin: await loginAs(app, { username: "admin", admin: true }) };
  }, { ignore: name === "mongodb" && !mongoUri });

  test("PATCH runs the service's own update", async ({ admin }) => {
    const created = await (await admin.post("/api/override_notes", { text: "a" })).json();
    const url = `/api/override_notes/${created._id}`;
    const patched = await admin.patch(url, { text: "b" }, { etag: created._etag });
    assert.equal(patched.status, 200);
    const answer = await patched.json();
    assert.equal(answer.edits, 1);
    const stored = await (await admin.get(url)).json();
    assert.deepEqual([stored.text, stored.edits, stored._etag], ["b", 1, answer._etag]);
  });
}
