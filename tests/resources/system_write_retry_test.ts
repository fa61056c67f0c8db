/**
 * A system write made without an etag (`WriteOptions.etag`) whose guarded write misses because
 * another write landed between its read and that write reads the item again, runs its
 * before-hooks on the fresh read and lands: PATCH, PUT, DELETE (hard and soft) and `deleteMany`;
 * a missed attempt's hook work is undone and the after-effects (after-hooks, versions) happen
 * once. Past the bound it is a 409; a client's `If-Match` write is a 412 at its first miss. The
 * concurrent write is forced deterministically: the service's collection runs it just before a
 * guarded write (`_etag` in the filter) reaches the store. Both setups.
 */
import assert from "node:assert/strict";
import {
  defineApp,
  defineResource,
  type Doc,
  type ResourceInput,
  ResourceService,
  SYSTEM_ACTOR,
  Type,
} from "../../src/app_api.ts";
import { ConflictError, EtagMismatchError } from "../../src/errors.ts";
import type { Collection, Filter } from "../../src/storage/document_store.ts";
import { suiteTest } from "../_engine_app.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";

const schema = Type.Object({
  text: Type.String(),
  seen: Type.Optional(Type.String()),
}, { additionalProperties: false });
const methods = (): Pick<ResourceInput, "resourceMethods" | "itemMethods"> => ({
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
});
const notes = defineResource({ name: "retry_notes", schema, versioning: true, ...methods() });
const softNotes = defineResource({
  name: "retry_soft_notes",
  schema,
  softDelete: true,
  ...methods(),
});

/** The store methods a guarded write goes through. */
const GUARDED = new Set<PropertyKey>(["updateOne", "replaceOne", "deleteOne"]);

/**
 * Records what its hooks saw; a before-hook's work outside the document is a mark stored in
 * `retry_marks`, removed again by `onWriteRefused` (as the archive's stored files are).
 */
class RetryNotesService extends ResourceService {
  /** How many more guarded writes another write lands before. */
  interferences = 0;
  /** The texts of the documents each before-hook call was given. */
  readonly before: string[] = [];
  afterCalls = 0;
  #concurrent = 0;
  #pendingMark: string | undefined;

  get raw(): Collection {
    return this.ctx.documents.collection(this.definition.datasource.source);
  }

  get marks(): Collection {
    return this.ctx.documents.collection("retry_marks");
  }

  protected override get collection(): Collection {
    const raw = this.raw;
    return new Proxy(raw, {
      get: (target, name) => {
        const value = Reflect.get(target, name, target);
        if (typeof value !== "function") return value;
        if (!GUARDED.has(name)) return value.bind(target);
        return async (filter: Filter, ...rest: unknown[]) => {
          if ("_etag" in filter && this.interferences > 0) {
            this.interferences--;
            this.#concurrent++;
            await raw.updateOne({ _id: filter._id }, {
              $set: {
                text: `concurrent ${this.#concurrent}`,
                _etag: `concurrent-${this.#concurrent}`,
              },
            });
          }
          return await value.call(target, filter, ...rest);
        };
      },
    });
  }

  async #beforeWrite(changes: Doc, original: Doc) {
    this.before.push(String(original.text));
    changes.seen = String(original.text);
    this.#pendingMark = `${original._id}-${this.before.length}`;
    await this.marks.insertMany([{ _id: this.#pendingMark, seen: original.text }]);
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    await this.#beforeWrite(updates, original);
  }

  protected override async onReplace(doc: Doc, original: Doc) {
    await this.#beforeWrite(doc, original);
  }

  protected override async onWriteRefused() {
    if (this.#pendingMark) await this.marks.deleteOne({ _id: this.#pendingMark });
  }

  protected override onDelete(doc: Doc) {
    this.before.push(String(doc.text));
  }

  protected override onUpdated() {
    this.afterCalls++;
  }

  protected override onReplaced() {
    this.afterCalls++;
  }

  protected override onDeleted() {
    this.afterCalls++;
  }
}

let services: { notes: RetryNotesService; soft: RetryNotesService } | undefined;
const retryApp = defineApp({
  name: "system_write_retry_test",
  register(app) {
    services = {
      notes: new RetryNotesService(notes, app.services),
      soft: new RetryNotesService(softNotes, app.services),
    };
    app.resource(notes, services.notes);
    app.resource(softNotes, services.soft);
  },
});

async function created(service: RetryNotesService, text: string): Promise<Doc> {
  const [doc] = await service.create([{ text }]);
  return doc!;
}

/** The marks the before-hooks left, as the texts they saw. */
async function marksLeft(service: RetryNotesService): Promise<string[]> {
  return (await service.marks.find({})).map((mark) => String(mark.seen));
}

const mongoUri = engineUrl("MONGO_URI");
for (const [name, uri] of [["embedded", undefined], ["mongodb", mongoUri]] as const) {
  const test = suiteTest(name, async () => {
    const app: TestApp = await createTestApp({ apps: [retryApp], mongoUri: uri });
    return { app, ...services! };
  }, { ignore: name === "mongodb" && !mongoUri });

  test("a system PATCH reads a concurrently changed item again and lands once", async ({ notes }) => {
    const note = await created(notes, "first");
    notes.interferences = 1;
    const stored = await notes.update(String(note._id), { text: "patched" });
    assert.deepEqual([stored.text, stored.seen], ["patched", "concurrent 1"]);
    assert.deepEqual(notes.before, ["first", "concurrent 1"]);
    assert.deepEqual(await marksLeft(notes), ["concurrent 1"]);
    assert.equal(notes.afterCalls, 1);
    assert.equal((await notes.versions!.list(String(note._id))).total, 2);
  });

  test("a system PUT reads a concurrently changed item again and lands once", async ({ notes }) => {
    const note = await created(notes, "first");
    notes.interferences = 2;
    const { doc, created: made } = await notes.replace(String(note._id), { text: "replaced" });
    assert.equal(made, false);
    assert.deepEqual([doc.text, doc.seen], ["replaced", "concurrent 2"]);
    assert.deepEqual(notes.before, ["first", "concurrent 1", "concurrent 2"]);
    assert.deepEqual(await marksLeft(notes), ["concurrent 2"]);
    assert.equal(notes.afterCalls, 1);
    const stored = await notes.getById(String(note._id));
    assert.deepEqual([stored.text, stored.seen, stored._etag], [
      "replaced",
      "concurrent 2",
      doc._etag,
    ]);
    assert.equal((await notes.versions!.list(String(note._id))).total, 2);
  });

  test("a system DELETE reads a concurrently changed item again and deletes it once", async ({ notes }) => {
    const note = await created(notes, "first");
    notes.interferences = 1;
    assert.equal(await notes.delete(String(note._id)), true);
    assert.deepEqual(notes.before, ["first", "concurrent 1"]);
    assert.equal(notes.afterCalls, 1);
    assert.equal(await notes.raw.findOne({ _id: note._id }), null);
    assert.equal((await notes.versions!.list(String(note._id))).total, 0);
  });

  test("a system DELETE of a soft-deleted resource retries too", async ({ soft }) => {
    const note = await created(soft, "first");
    soft.interferences = 1;
    assert.equal(await soft.delete(String(note._id)), true);
    assert.deepEqual(soft.before, ["first", "concurrent 1"]);
    assert.equal(soft.afterCalls, 1);
    const stored = await soft.raw.findOne({ _id: note._id });
    assert.deepEqual([stored?._deleted, stored?.text], [true, "concurrent 1"]);
  });

  test("a DELETE with `where` leaves an item a concurrent write moved out of it", async ({ notes }) => {
    const note = await created(notes, "first");
    const id = String(note._id);
    notes.interferences = 1;
    assert.equal(await notes.delete(id, { where: { text: "first" } }), false);
    assert.deepEqual(notes.before, ["first"]);
    assert.equal(notes.afterCalls, 0);
    assert.equal((await notes.getById(id)).text, "concurrent 1");
  });

  test("deleteMany keeps an item changed out of its filter before its delete", async ({ notes }) => {
    await created(notes, "one");
    await created(notes, "two");
    notes.interferences = 1;
    assert.equal(await notes.deleteMany({ text: { $in: ["one", "two"] } }), 1);
    const left = await notes.raw.find({});
    assert.deepEqual(left.map((doc) => doc.text), ["concurrent 1"]);
    assert.equal(notes.afterCalls, 1);
  });

  for (const kind of ["PATCH", "PUT", "DELETE"] as const) {
    test(`a system ${kind} that keeps missing is a 409, its hooks' work undone`, async ({ notes }) => {
      const note = await created(notes, "first");
      const id = String(note._id);
      notes.interferences = Number.POSITIVE_INFINITY;
      const write = kind === "PATCH"
        ? notes.update(id, { text: "mine" })
        : kind === "PUT"
        ? notes.replace(id, { text: "mine" })
        : notes.delete(id);
      await assert.rejects(write, (error) => error instanceof ConflictError);
      assert.ok(notes.before.length > 1, `retried: ${notes.before}`);
      assert.deepEqual(await marksLeft(notes), []);
      assert.equal(notes.afterCalls, 0);
      assert.match(String((await notes.getById(id)).text), /^concurrent \d+$/);
    });

    test(`a client's ${kind} with If-Match is a 412 at its first miss`, async ({ app, notes }) => {
      const admin = await loginAs(app, { username: "writer", admin: true });
      const note = await created(notes, "first");
      const url = `/api/retry_notes/${note._id}`;
      notes.interferences = 1;
      const options = { etag: String(note._etag) };
      const response = kind === "PATCH"
        ? await admin.patch(url, { text: "mine" }, options)
        : kind === "PUT"
        ? await admin.put(url, { text: "mine" }, options)
        : await admin.delete(url, options);
      assert.equal(response.status, 412, await response.text());
      assert.deepEqual(notes.before, ["first"]);
      assert.deepEqual(await marksLeft(notes), []);
      assert.equal(notes.afterCalls, 0);
      assert.equal((await notes.getById(String(note._id))).text, "concurrent 1");
    });
  }

  test("a system write given an etag is a 412 at its first miss too", async ({ notes }) => {
    const note = await created(notes, "first");
    notes.interferences = 1;
    const write = notes.replace(String(note._id), { text: "mine" }, {
      etag: String(note._etag),
      actor: SYSTEM_ACTOR,
    });
    await assert.rejects(write, (error) => error instanceof EtagMismatchError);
    assert.deepEqual(notes.before, ["first"]);
  });
}
