/**
 * `DELETE /api/<resource>` on a resource that offers it (Eve's collection delete): no `If-Match`
 * asked, every item deleted through the item delete's path (hooks, versions, `resource:deleted`
 * per item); a hook that refuses one item refuses the whole delete before anything is deleted;
 * an item another write changes meanwhile is read again and deleted as it then is; one that
 * keeps changing is a 409, never a 204; what a failed delete removed is put back. Both setups.
 */
import assert from "node:assert/strict";
import {
  defineApp,
  defineResource,
  type Doc,
  ForbiddenError,
  ResourceService,
  Type,
} from "../../src/app_api.ts";
import { ServiceUnavailableError } from "../../src/errors.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { suiteTest } from "../_engine_app.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { Collector } from "../notify/_collect.ts";

/** A notes resource `name` offering the collection DELETE, with the wipe_notes privilege. */
function notesResource(name: string, options: { versioning?: boolean; softDelete?: boolean }) {
  return defineResource({
    name,
    schema: Type.Object({ text: Type.String() }, { additionalProperties: false }),
    resourceMethods: ["GET", "POST", "DELETE"],
    itemMethods: ["GET", "PATCH", "DELETE"],
    privileges: { POST: "wipe_notes", PATCH: "wipe_notes", DELETE: "wipe_notes" },
    notifications: true,
    ...options,
  });
}

const wipeNotes = notesResource("wipe_notes", { versioning: true });
/** The same notes, soft-deleted (`_deleted`), as vocabularies are. */
const softNotes = notesResource("soft_notes", { softDelete: true });
/** The same notes without versions, as dictionaries and comments are. */
const plainNotes = notesResource("plain_notes", {});

/** Records the texts its delete hooks saw; `meanwhile` runs in `onDelete` (another write). */
class WipeNotesService extends ResourceService {
  readonly before: string[] = [];
  readonly after: string[] = [];
  refuse: string | undefined;
  meanwhile: ((doc: Doc) => Promise<void>) | undefined;

  protected override async onDelete(doc: Doc) {
    this.before.push(String(doc.text));
    if (doc.text === this.refuse) throw new ForbiddenError(`"${doc.text}" may not be deleted`);
    await this.meanwhile?.(doc);
  }

  protected override onDeleted(doc: Doc) {
    this.after.push(String(doc.text));
  }
}

/** The notes with a store that fails on demand: a removal of `failRemoving`, every insert. */
class FlakyNotesService extends WipeNotesService {
  failRemoving: string | undefined;
  failInserts = false;
  inserts = 0;

  protected override get collection() {
    const real = super.collection;
    const outage = () => new ServiceUnavailableError("the store is down");
    return new Proxy(real, {
      get: (target, key) => {
        if (key === "deleteOne") {
          return (filter: Doc) => {
            if (filter._id === this.failRemoving) throw outage();
            return target.deleteOne(filter);
          };
        }
        if (key === "insertMany") {
          return (docs: Doc[]) => {
            this.inserts++;
            if (this.failInserts) throw outage();
            return target.insertMany(docs);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

/** Creates a note of each of `texts`, one at a time (in id order); their ids. */
async function createNotes(notes: WipeNotesService, texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const text of texts) ids.push(String((await notes.create([{ text }]))[0]!._id));
  return ids;
}

let service: WipeNotesService | undefined;
let soft: WipeNotesService | undefined;
let plain: FlakyNotesService | undefined;
const wipeApp = defineApp({
  name: "collection_delete_test",
  register(app) {
    app.privileges({ name: "wipe_notes", label: "Wipe notes" });
    service = new WipeNotesService(wipeNotes, app.services);
    app.resource(wipeNotes, service);
    soft = new WipeNotesService(softNotes, app.services);
    app.resource(softNotes, soft);
    plain = new FlakyNotesService(plainNotes, app.services);
    app.resource(plainNotes, plain);
  },
});

const mongoUri = engineUrl("MONGO_URI");
for (const [name, uri] of [["embedded", undefined], ["mongodb", mongoUri]] as const) {
  const test = suiteTest(name, async () => {
    const app: TestApp = await createTestApp({ apps: [wipeApp], mongoUri: uri });
    const admin = await loginAs(app, { username: "admin", admin: true });
    const ids: Record<string, string> = {};
    for (const text of ["a", "b", "c"]) {
      const [doc] = await service!.create([{ text }]);
      ids[text] = String(doc!._id);
    }
    await service!.update(ids.a!, { text: "a" });
    return { app, admin, notes: service!, ids };
  }, { ignore: name === "mongodb" && !mongoUri });

  test("a user's collection DELETE needs no If-Match: every item, its versions, its events", async ({ app, admin, notes, ids }) => {
    const events = new Collector<Notification>();
    const unsubscribe = app.platform.bus.subscribe(events.push);
    try {
      const response = await admin.raw("DELETE", "/api/wipe_notes");
      assert.equal(response.status, 204, await response.text());
      assert.deepEqual([...notes.before].sort(), ["a", "b", "c"]);
      assert.deepEqual([...notes.after].sort(), ["a", "b", "c"]);
      const deleted = await events.until(
        (items) => items.filter(({ event }) => event === "resource:deleted").length === 3,
        "three resource:deleted",
      );
      assert.deepEqual(
        deleted.filter(({ event }) => event === "resource:deleted")
          .map(({ extra }) => String(extra._id)).sort(),
        Object.values(ids).sort(),
      );
      const list = await (await admin.get("/api/wipe_notes")).json();
      assert.equal(list._meta.total, 0);
      assert.equal((await notes.versions!.list(ids.a!)).total, 0);
      const again = await admin.raw("DELETE", "/api/wipe_notes");
      assert.equal(again.status, 204);
    } finally {
      unsubscribe();
    }
  });

  test("an item whose hook refuses refuses the whole delete: nothing is deleted", async ({ admin, notes }) => {
    notes.refuse = "c";
    const response = await admin.raw("DELETE", "/api/wipe_notes");
    assert.equal(response.status, 403);
    assert.match(response.headers.get("content-type")!, /json/);
    assert.equal((await response.json())._message, `"c" may not be deleted`);
    assert.deepEqual(notes.after, []);
    assert.equal((await (await admin.get("/api/wipe_notes")).json())._meta.total, 3);
  });

  test("an item changed by another write meanwhile is deleted as it then is", async ({ admin, notes, ids }) => {
    let changed = false;
    notes.meanwhile = async (doc) => {
      if (changed || doc.text !== "a") return;
      changed = true;
      await notes.update(ids.b!, { text: "b changed" });
    };
    const response = await admin.raw("DELETE", "/api/wipe_notes");
    assert.equal(response.status, 204, await response.text());
    assert.ok(notes.before.includes("b changed"), notes.before.join());
    assert.deepEqual([...notes.after].sort(), ["a", "b changed", "c"]);
    assert.equal((await (await admin.get("/api/wipe_notes")).json())._meta.total, 0);
  });

  test("an item that keeps changing is a 409, never a 204, and nothing is deleted", async ({ admin, notes, ids }) => {
    let writes = 0;
    notes.meanwhile = async (doc) => {
      if (String(doc._id) === ids.b) await notes.update(ids.b!, { text: `b ${++writes}` });
    };
    const response = await admin.raw("DELETE", "/api/wipe_notes");
    assert.equal(response.status, 409);
    assert.match(response.headers.get("content-type")!, /json/);
    assert.match((await response.json())._message, /kept changing/);
    for (const id of Object.values(ids)) {
      assert.equal((await admin.get(`/api/wipe_notes/${id}`)).status, 200, id);
    }
    assert.deepEqual(notes.after, []);
  });

  test("a write meanwhile that makes a later item refusable is a 403 with nothing deleted", async ({ app, admin, notes, ids }) => {
    const events = new Collector<Notification>();
    const unsubscribe = app.platform.bus.subscribe(events.push);
    notes.refuse = "b kept";
    let changed = false;
    notes.meanwhile = async (doc) => {
      // The last item's hook, after every item passed once: b becomes refusable before any delete
      // of this pass has reached it.
      if (changed || String(doc._id) !== ids.c) return;
      changed = true;
      await notes.update(ids.b!, { text: "b kept" });
    };
    try {
      const response = await admin.raw("DELETE", "/api/wipe_notes");
      assert.equal(response.status, 403, await response.clone().text());
      assert.match(response.headers.get("content-type")!, /json/);
      assert.equal((await response.json())._message, `"b kept" may not be deleted`);
      const list = await (await admin.get("/api/wipe_notes")).json();
      assert.deepEqual(list._items.map((item: Doc) => item.text).sort(), ["a", "b kept", "c"]);
      const a = await (await admin.get(`/api/wipe_notes/${ids.a}`)).json();
      assert.equal(a.text, "a");
      assert.equal((await notes.versions!.list(ids.a!)).total, 2);
      assert.deepEqual(notes.after, []);
      // The refusal's own write announces an update; no delete is announced.
      await notes.update(ids.c!, { text: "c after" });
      const seen = await events.until(
        (items) =>
          items.some(({ event, extra }) => event === "resource:updated" && extra._id === ids.c),
        "the later update of c",
      );
      assert.deepEqual(seen.filter(({ event }) => event === "resource:deleted"), []);
    } finally {
      unsubscribe();
    }
  });

  test("a soft-deleting resource's refused delete puts back what it marked deleted", async ({ admin }) => {
    const notes = soft!;
    const ids = await createNotes(notes, ["a", "b"]);
    const [a, b] = ids as [string, string];
    const before = await (await admin.get(`/api/soft_notes/${a}`)).json();
    notes.refuse = "b kept";
    notes.meanwhile = async (doc) => {
      if (String(doc._id) === b && doc.text === "b") await notes.update(b, { text: "b kept" });
    };
    const response = await admin.raw("DELETE", "/api/soft_notes");
    assert.equal(response.status, 403, await response.clone().text());
    await response.body?.cancel();
    const after = await admin.get(`/api/soft_notes/${a}`);
    assert.equal(after.status, 200);
    assert.equal((await after.json())._etag, before._etag);
    assert.equal((await (await admin.get("/api/soft_notes")).json())._meta.total, 2);
    assert.deepEqual(notes.after, []);
  });

  test("a refused delete puts back every document but one whose id a new document took meanwhile", async ({ admin }) => {
    const notes = plain!;
    const ids = await createNotes(notes, ["a", "b", "c"]);
    const [a, b, c] = ids as [string, string, string];
    let changed = false;
    notes.meanwhile = async (doc) => {
      if (!changed && String(doc._id) === c) {
        // The last item's hook of the first pass: b changes, so it is read again once a and c
        // are removed; on that read a new document takes a's id (a PUT creates one) and b is
        // refused.
        changed = true;
        await notes.update(b, { text: "b kept" });
      } else if (doc.text === "b kept") {
        await notes.create([{ _id: a, text: "a new" }]);
        throw new ForbiddenError("b is kept");
      }
    };
    const response = await admin.raw("DELETE", "/api/plain_notes");
    assert.equal(response.status, 403, await response.clone().text());
    await response.body?.cancel();
    const list = await (await admin.get("/api/plain_notes")).json();
    assert.deepEqual(list._items.map((item: Doc) => item.text).sort(), ["a new", "b kept", "c"]);
    assert.equal((await (await admin.get(`/api/plain_notes/${c}`)).json()).text, "c");
    assert.deepEqual(notes.after, []);
  });

  test("a put-back stores each document as it was read, not as a delete hook changed it", async ({ admin }) => {
    const notes = plain!;
    const ids = await createNotes(notes, ["a", "b", "c"]);
    const [a, b, c] = ids as [string, string, string];
    const before = await (await admin.get(`/api/plain_notes/${a}`)).json();
    notes.refuse = "b kept";
    let changed = false;
    notes.meanwhile = async (doc) => {
      // Hooks may change the document they are given; that is not what is stored.
      doc.text = `${doc.text} as hooked`;
      if (changed || String(doc._id) !== c) return;
      changed = true;
      await notes.update(b, { text: "b kept" });
    };
    const response = await admin.raw("DELETE", "/api/plain_notes");
    assert.equal(response.status, 403, await response.clone().text());
    await response.body?.cancel();
    const after = await (await admin.get(`/api/plain_notes/${a}`)).json();
    assert.equal(after.text, "a");
    assert.equal(after._etag, before._etag);
  });

  test("a store failure while removing puts back what was removed: a 503, nothing deleted", async ({ admin }) => {
    const notes = plain!;
    const ids = await createNotes(notes, ["a", "b", "c"]);
    notes.failRemoving = ids[1];
    const response = await admin.raw("DELETE", "/api/plain_notes");
    assert.equal(response.status, 503, await response.clone().text());
    await response.body?.cancel();
    const list = await (await admin.get("/api/plain_notes")).json();
    assert.deepEqual(list._items.map((item: Doc) => item.text).sort(), ["a", "b", "c"]);
    assert.deepEqual(notes.after, []);
  });

  test("a put-back the store fails is tried once, not once per removed document", async ({ admin }) => {
    const notes = plain!;
    const ids = await createNotes(notes, ["a", "b", "c", "d"]);
    notes.failRemoving = ids[3];
    notes.failInserts = true;
    notes.inserts = 0;
    const response = await admin.raw("DELETE", "/api/plain_notes");
    assert.equal(response.status, 503, await response.clone().text());
    await response.body?.cancel();
    // An outage makes every write wait for the engine (3 s each on MongoDB): one try, not three.
    assert.equal(notes.inserts, 1);
    assert.deepEqual(notes.after, []);
  });

  test("a collection DELETE while another runs is a 409 that deletes nothing; the first deletes each item once", async ({ app, admin, notes, ids }) => {
    const events = new Collector<Notification>();
    const unsubscribe = app.platform.bus.subscribe(events.push);
    const entered = Promise.withResolvers<void>();
    const gate = Promise.withResolvers<void>();
    let held = false;
    notes.meanwhile = async (doc) => {
      if (held || doc.text !== "a") return;
      held = true;
      entered.resolve();
      await gate.promise;
    };
    try {
      const first = admin.raw("DELETE", "/api/wipe_notes");
      await entered.promise; // the first holds its hooks: nothing is deleted yet
      const second = await admin.raw("DELETE", "/api/wipe_notes");
      const body = await second.text();
      assert.equal(second.status, 409, body);
      assert.match(second.headers.get("content-type")!, /json/);
      assert.match(JSON.parse(body)._message, /under way/);
      assert.deepEqual(notes.after, []);
      gate.resolve();
      const response = await first;
      assert.equal(response.status, 204, await response.text());
      assert.deepEqual([...notes.after].sort(), ["a", "b", "c"]);
      assert.equal((await (await admin.get("/api/wipe_notes")).json())._meta.total, 0);
      // The lock is free again: a later DELETE runs.
      const again = await admin.raw("DELETE", "/api/wipe_notes");
      assert.equal(again.status, 204, await again.text());
      // A later note's creation is announced after every delete this test caused.
      const [later] = await notes.create([{ text: "later" }]);
      const seen = await events.until(
        (items) => items.some(({ extra }) => extra._id === later!._id),
        "the later creation",
      );
      assert.deepEqual(
        seen.filter(({ event }) => event === "resource:deleted").map(({ extra }) => extra._id)
          .sort(),
        Object.values(ids).sort(),
      );
    } finally {
      gate.resolve();
      unsubscribe();
    }
  });

  test("a user without the resource's DELETE privilege is refused and nothing is deleted", async ({ app, notes }) => {
    const reader = await loginAs(app, { username: "reader" });
    const response = await reader.raw("DELETE", "/api/wipe_notes");
    assert.equal(response.status, 403);
    await response.body?.cancel();
    assert.deepEqual(notes.before, []);
  });
}
