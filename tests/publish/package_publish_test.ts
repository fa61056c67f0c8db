/**
 * Publishing a package publishes its items first (`package_publish.ts`): an action that dies
 * between two items leaves the package unpublished and is finished by trying again, with no item
 * published twice; two publishes of one package at once publish each item once.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { chainValidators } from "../../src/publish/item_validator.ts";
import { validatorsResourceValidator } from "../../src/publish/validators_resource_validator.ts";
import { type PublishContext, publishItem } from "../../src/publish/publish_action.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import { body } from "../newsroom/_newsroom.ts";
import { packageOfTwo } from "./_packages.ts";
import { publishingTest, type Room } from "./_publishing.ts";

/** The published copies of `id`. */
async function copiesOf(room: Room, id: string): Promise<Doc[]> {
  const published = room.app.platform.registry.service<PublishedService>("published");
  return await published.copiesOf(id);
}

async function archived(room: Room, id: string): Promise<Json> {
  return await body(await room.editor.get(`/api/archive/${id}`));
}

publishingTest(
  "a package publish that dies after its first item is finished by a retry, each item once",
  async (room) => {
    const { stories, pkg } = await packageOfTwo(room);
    const registry = room.app.platform.registry;
    const crash = new Error("the process died here");
    // The action as the server runs it, with a hook that dies once the first item is stored.
    const context: PublishContext = {
      archive: registry.service<ArchiveService>("archive"),
      published: registry.service<PublishedService>("published"),
      validator: chainValidators(validatorsResourceValidator(registry)),
      queue: room.app.platform.queue,
      documents: room.app.platform.services.documents,
      timeZone: "UTC",
      hooks: [{ stored: () => Promise.reject(crash) }],
    };
    await assert.rejects(
      publishItem(context, "publish", pkg._id, { actor: SYSTEM_ACTOR }),
      (error) => error === crash,
    );
    assert.equal((await archived(room, stories[0]._id)).state, "published");
    assert.equal((await archived(room, stories[1]._id)).state, stories[1].state);
    assert.equal((await archived(room, pkg._id)).state, pkg.state);
    assert.equal((await copiesOf(room, pkg._id)).length, 0);

    const retried = await body(await room.act("publish", pkg));
    assert.equal(retried.state, "published");
    for (const story of stories) {
      const stored = await archived(room, story._id);
      assert.equal(stored.state, "published");
      assert.equal(stored._current_version, story._current_version + 1);
      assert.equal((await copiesOf(room, story._id)).length, 1, `${story._id} published once`);
    }
    const refs = retried.groups[1].refs.map((ref: Json) => [ref.residRef, ref._current_version]);
    assert.deepEqual(refs, stories.map((story) => [story._id, story._current_version + 1]));
    assert.equal((await copiesOf(room, pkg._id)).length, 1);
  },
);

publishingTest("two publishes of one package at once publish each item once", async (room) => {
  const { stories, pkg } = await packageOfTwo(room);
  const answers = await Promise.all([room.act("publish", pkg), room.act("publish", pkg)]);
  const statuses = await Promise.all(answers.map(async (answer) => {
    await answer.body?.cancel();
    return answer.status;
  }));
  assert.ok(statuses.includes(200), `one publish succeeds: ${statuses}`);
  assert.equal((await copiesOf(room, pkg._id)).length, 1);
  assert.equal((await archived(room, pkg._id)).state, "published");
  for (const story of stories) {
    assert.equal((await copiesOf(room, story._id)).length, 1, `${story._id} published once`);
    assert.equal((await archived(room, story._id))._current_version, story._current_version + 1);
  }
});

publishingTest(
  "a package whose unpublished item is on a desk the user cannot see is refused before any item goes out",
  async (room) => {
    const { stories, pkg } = await packageOfTwo(room);
    const sport = await body(
      await room.editor.post("/api/desks", {
        name: "Sport",
        members: [{ user: room.writer.userId }],
      }),
      201,
    );
    // The writer takes the second story to a desk the editor is not a member of.
    const moved = await room.writer.post(`/api/archive/${stories[1]._id}/move`, {
      task: { desk: sport._id, stage: sport.incoming_stage },
    });
    assert.equal(moved.status, 201, await moved.text());
    const hidden = await room.editor.get(`/api/archive/${stories[1]._id}`);
    assert.equal(hidden.status, 404, await hidden.text());
    const answer = await room.act("publish", await archived(room, pkg._id));
    assert.equal(answer.status, 400, await answer.clone().text());
    assert.match(await answer.text(), /Package item with id: .* does not exist/);
    assert.equal((await archived(room, stories[0]._id)).state, stories[0].state);
    assert.equal((await copiesOf(room, stories[0]._id)).length, 0);
    assert.equal((await archived(room, pkg._id)).state, pkg.state);
  },
);

publishingTest(
  "a correction adding items to a package refuses one their publish would refuse before any goes out",
  async (room) => {
    const { pkg: created } = await packageOfTwo(room);
    const pkg = await body(await room.act("publish", created));
    const added = [
      await room.story({ headline: "Three" }),
      await room.story({ headline: "Four", flags: { marked_for_not_publication: true } }),
    ];
    const groups = structuredClone(pkg.groups);
    groups[1].refs.push(...added.map((story) => ({ residRef: story._id, type: "text" })));
    const answer = await room.act("correct", pkg, { groups });
    assert.equal(answer.status, 400, await answer.clone().text());
    assert.match(await answer.text(), /Four: Cannot publish an item which is marked as Not/);
    for (const story of added) {
      assert.equal((await archived(room, story._id)).state, story.state);
      assert.equal((await copiesOf(room, story._id)).length, 0);
    }
    assert.equal((await archived(room, pkg._id))._current_version, pkg._current_version);
  },
);
