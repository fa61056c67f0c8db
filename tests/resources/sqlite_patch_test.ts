/**
 * A PATCH on the embedded store is one transaction (`Collection.modify`): the checks run on the
 * document as the write reads it. Concurrent PATCHes stay compare-and-set (one winner per etag,
 * no retried system write lost), errors write nothing, and a service with an `onUpdated` hook
 * gives the same answers, its hook run once per written PATCH.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import {
  EtagMismatchError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from "../../src/errors.ts";
import type { Actor } from "../../src/resources/actor.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import type { Doc, DocumentStore } from "../../src/storage/document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

const notes = defineResource({
  name: "notes",
  schema: Type.Object({
    n: Type.Optional(Type.Integer()),
    text: Type.Optional(Type.String()),
    when: Type.Optional(Type.String({ format: "date-time" })),
  }),
  versioning: true,
});

const user: Actor = { kind: "user", privileges: new Set(), isAdmin: true };

/** Counts the `onUpdated` calls. */
class HookedNotes extends ResourceService {
  updated = 0;
  protected override onUpdated() {
    this.updated++;
  }
}

async function withServices(
  body: (
    services: { plain: ResourceService; hooked: HookedNotes; documents: DocumentStore },
  ) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "sqlite_patch_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  const ctx = { documents: store, notify: () => Promise.resolve() } as unknown as ServiceContext;
  try {
    await body({
      plain: new ResourceService(notes, ctx),
      hooked: new HookedNotes(notes, ctx),
      documents: store,
    });
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("sqlite PATCH: concurrent PATCHes have one winner per etag; system writes all land", async () => {
  await withServices(async ({ plain, documents }) => {
    const collection = documents.collection("notes");
    const modify = collection.modify!;
    let modified = 0;
    collection.modify = (filter, change) => (modified++, modify(filter, change));
    const [created] = await plain.create([{ n: 0 }]);
    const id = String(created!._id);
    const etag = created!._etag as string;
    const outcomes = await Promise.allSettled(
      Array.from(
        { length: 10 },
        (_, i) => plain.update(id, { text: `t${i}` }, { etag, actor: user }),
      ),
    );
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    assert.equal(won.length, 1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") assert.ok(outcome.reason instanceof EtagMismatchError);
    }
    await Promise.all(Array.from({ length: 5 }, (_, i) => plain.update(id, { [`f${i}`]: i })));
    const final = await plain.getById(id);
    for (let i = 0; i < 5; i++) assert.equal(final[`f${i}`], i);
    assert.equal(final.text, (won[0] as PromiseFulfilledResult<Doc>).value.text);
    // One version per write: the create, the winner, the five system writes.
    assert.equal(final._current_version, 7);
    assert.equal(modified, 15);
  });
});

Deno.test("sqlite PATCH: the answer is the stored document, and its etag and dates are the new ones", async () => {
  await withServices(async ({ plain, hooked }) => {
    for (const service of [plain, hooked]) {
      const [created] = await service.create([{ n: 0, text: "a" }]);
      const id = String(created!._id);
      const stored = await service.update(id, { n: 1, when: "2026-01-02T03:04:05+0000" }, {
        etag: created!._etag as string,
        actor: user,
      });
      assert.deepEqual(stored, await service.getById(id));
      assert.notEqual(stored._etag, created!._etag);
      assert.ok(stored.when instanceof Date);
      assert.ok((stored._updated as Date).getTime() > (created!._updated as Date).getTime());
      assert.equal(stored._current_version, 2);
    }
    assert.equal(hooked.updated, 1);
  });
});

Deno.test("sqlite PATCH: a refused PATCH writes nothing and answers as before", async () => {
  await withServices(async ({ plain, hooked }) => {
    for (const service of [plain, hooked]) {
      const [created] = await service.create([{ n: 0 }]);
      const id = String(created!._id);
      const etag = created!._etag as string;
      await assert.rejects(service.update("missing", { n: 1 }, { etag }), NotFoundError);
      await assert.rejects(
        service.update(id, { n: 1 }, { actor: user }),
        PreconditionRequiredError,
      );
      await assert.rejects(
        service.update(id, { n: 1 }, { etag: "stale", actor: user }),
        EtagMismatchError,
      );
      await assert.rejects(
        service.update(id, { n: "x" }, { etag, actor: user }),
        (error) => error instanceof ValidationError && "n" in error.issues!,
      );
      await assert.rejects(service.update(id, { _id: "other" }, { etag, actor: user }), /_id/);
      assert.deepEqual(await service.getById(id), created);
    }
  });
});
