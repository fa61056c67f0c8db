/**
 * A client's PATCH on the embedded store answered from the stored text
 * (`ResourceService.updateJson`): the answer and the stored document are what `update` makes of
 * the same change, concurrent PATCHes stay compare-and-set, and whatever needs the stored
 * document (no etag, a dotted key, a read-only field, an invalid value, hooks, versions) is left
 * to `update`, nothing written. A POST answered from the stored text (`createJson`) answers
 * what a GET then reads, and refuses what `create` refuses.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import {
  ConflictError,
  EtagMismatchError,
  NotFoundError,
  ValidationError,
} from "../../src/errors.ts";
import type { Actor } from "../../src/resources/actor.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { toWireJson } from "../../src/http/wire_json.ts";

const schema = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 10 })),
  age: Type.Optional(Type.Integer({ minimum: 0 })),
  when: Type.Optional(Type.String({ format: "date-time" })),
  place: Type.Optional(Type.Object({ city: Type.Optional(Type.String()) })),
  owner: Type.Optional(Type.String()),
}, { additionalProperties: false });

const cards = defineResource({
  name: "cards",
  schema,
  notifications: true,
  readOnlyFields: ["owner"],
});
const versioned = defineResource({ name: "versioned_cards", schema, versioning: true });

const user: Actor = { kind: "user", privileges: new Set(), isAdmin: true };

class HookedCards extends ResourceService {
  protected override onUpdate() {}
  protected override onCreated() {}
}

/** Writes its own way (as `marked_for_highlights` does). */
class OwnWriteCards extends ResourceService {
  override create(inputs: Doc[], actor?: Actor) {
    return super.create(inputs, actor);
  }
  override update(id: string, input: Doc, options?: { etag?: string; actor?: Actor }) {
    return super.update(id, input, options);
  }
}

async function withCards(
  body: (services: {
    plain: ResourceService;
    hooked: HookedCards;
    own: OwnWriteCards;
    versions: ResourceService;
    notified: Array<[string, unknown]>;
  }) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "sqlite_patch_json_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  const notified: Array<[string, unknown]> = [];
  const notify = (
    event: string,
    extra: unknown,
  ) => (notified.push([event, extra]), Promise.resolve());
  const ctx = { documents: store, notify } as unknown as ServiceContext;
  try {
    await body({
      plain: new ResourceService(cards, ctx),
      hooked: new HookedCards(cards, ctx),
      own: new OwnWriteCards(cards, ctx),
      versions: new ResourceService(versioned, ctx),
      notified,
    });
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const ORIGINAL = { name: "a", age: 1, place: { city: "x" }, owner: "o1" };

/** The meta fields that differ between two writes of the same change. */
function withoutMeta(doc: Doc): Doc {
  const { _id: _, _etag: __, _updated: ___, _created: ____, ...rest } = doc;
  return rest;
}

Deno.test("sqlite PATCH as JSON: the answer and the stored document are what update makes", async () => {
  await withCards(async ({ plain, notified }) => {
    const [one, two] = await plain.create([{ ...ORIGINAL }, { ...ORIGINAL }]);
    const change = { age: "7", when: "2026-01-02T03:04:05+0000", place: { city: "y" } };
    const answer = await plain.updateJson(String(one!._id), { ...change }, {
      etag: String(one!._etag),
      actor: user,
    });
    assert.ok(answer);
    const stored = await plain.getById(String(one!._id));
    // The stored text answered as it is: the bytes a GET renders.
    assert.equal(answer.json, toWireJson(stored));
    assert.equal(answer.etag, stored._etag);
    assert.equal(answer.updated, (stored._updated as Date).getTime());
    assert.notEqual(stored._etag, one!._etag);
    assert.ok((stored._updated as Date).getTime() > (one!._updated as Date).getTime());
    assert.ok(stored.when instanceof Date);
    assert.equal(stored.age, 7);
    // The same change through `update`: the same document, keys in the same order.
    const updated = await plain.update(String(two!._id), { ...change }, {
      etag: String(two!._etag),
      actor: user,
    });
    assert.deepEqual(withoutMeta(stored), withoutMeta(updated));
    assert.deepEqual(Object.keys(stored), Object.keys(updated));
    assert.deepEqual(notified.slice(-2), [
      ["resource:updated", {
        resource: "cards",
        _id: one!._id,
        fields: { age: 1, when: 1, place: 1 },
      }],
      ["resource:updated", {
        resource: "cards",
        _id: two!._id,
        fields: { age: 1, when: 1, place: 1 },
      }],
    ]);
  });
});

Deno.test("sqlite PATCH as JSON: one winner per etag, a stale etag is a 412, a missing item a 404", async () => {
  await withCards(async ({ plain }) => {
    const [created] = await plain.create([{ ...ORIGINAL }]);
    const id = String(created!._id);
    const etag = String(created!._etag);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => plain.updateJson(id, { age: i }, { etag, actor: user })),
    );
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    assert.equal(won.length, 1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") assert.ok(outcome.reason instanceof EtagMismatchError);
    }
    const winner = (won[0] as PromiseFulfilledResult<{ etag?: string; json: string }>).value;
    assert.equal(winner.etag, (await plain.getById(id))._etag);
    await assert.rejects(
      plain.updateJson(id, { age: 1 }, { etag, actor: user }),
      EtagMismatchError,
    );
    await assert.rejects(
      plain.updateJson("missing", { age: 1 }, { etag, actor: user }),
      NotFoundError,
    );
    assert.equal((await plain.getById(id))._etag, winner.etag);
  });
});

Deno.test("sqlite PATCH as JSON: what needs the stored document is left to update, nothing written", async () => {
  await withCards(async ({ plain, hooked, own, versions }) => {
    const [created] = await plain.create([{ ...ORIGINAL }]);
    const [version] = await versions.create([{ ...ORIGINAL }]);
    const id = String(created!._id);
    const etag = String(created!._etag);
    const declined: Array<[ResourceService, string, Doc, string | undefined, Actor]> = [
      [plain, id, { age: 2 }, undefined, user],
      [plain, id, { "place.city": "z" }, etag, user],
      [plain, id, { _id: id, age: 2 }, etag, user],
      [plain, id, { owner: "o2" }, etag, user],
      [plain, id, { age: -1 }, etag, user],
      [plain, id, { name: "far too long a name" }, etag, user],
      [plain, id, { unknown: 1 }, etag, user],
      [hooked, id, { age: 2 }, etag, user],
      [own, id, { age: 2 }, etag, user],
      [versions, String(version!._id), { age: 2 }, String(version!._etag), user],
    ];
    for (const [service, target, input, ifMatch, actor] of declined) {
      const answer = await service.updateJson(target, input, { etag: ifMatch, actor });
      assert.equal(answer, undefined, JSON.stringify(input));
    }
    assert.deepEqual(await plain.getById(id), created);
    assert.deepEqual(await versions.getById(String(version!._id)), version);
    // The system may set a read-only field: nothing about it needs the stored document.
    const system = await plain.updateJson(id, { owner: "o2" }, { etag });
    assert.equal(JSON.parse(system!.json).owner, "o2");
  });
});

Deno.test("sqlite POST as JSON: the answer is the stored text, refusals are create's", async () => {
  await withCards(async ({ plain, hooked, own, notified }) => {
    const input = { name: "a", age: "3", when: "2026-01-02T03:04:05+0000", place: { city: "x" } };
    const answers = await plain.createJson([{ ...input }, { ...input, name: "b" }], user);
    assert.equal(answers?.length, 2);
    for (const answer of answers!) {
      const stored = await plain.getById(answer.id);
      assert.equal(answer.json, toWireJson(stored));
      assert.equal(answer.etag, stored._etag);
      assert.equal(answer.updated, (stored._updated as Date).getTime());
      assert.equal(stored.age, 3);
      assert.ok(stored.when instanceof Date);
    }
    assert.equal(notified.filter(([event]) => event === "resource:created").length, 2);
    const [made] = await plain.create([{ ...input }], user);
    assert.deepEqual(
      withoutMeta(JSON.parse(answers![0]!.json)),
      withoutMeta(JSON.parse(toWireJson(made))),
    );
    await assert.rejects(plain.createJson([{ age: -1 }], user), ValidationError);
    await assert.rejects(
      plain.createJson([{ _id: answers![0]!.id, name: "c" }], user),
      ConflictError,
    );
    assert.equal(await hooked.createJson([{ ...input }], user), undefined);
    assert.equal(await own.createJson([{ ...input }], user), undefined);
  });
});
