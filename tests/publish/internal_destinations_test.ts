/**
 * Internal destinations: a published item's copy reaches the destination's desk once per
 * published version, however often (and however concurrently) its task runs; a correction
 * reaches an auto-published copy once.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import type { SignalMap } from "../../src/signals/signal_map.ts";
import {
  AUTO_PUBLISH_MACRO,
  INTERNAL_DESTINATIONS_TASK,
  type InternalDestinationArgs,
  sendToDestinations,
} from "../../src/publish/internal_destination_task.ts";
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";

/** A desk of its own and an active destination to it with `fields`. */
async function destination(room: Room, fields: Doc = {}): Promise<Doc> {
  const { registry } = room.app.platform;
  const [desk] = await registry.service("desks").create([{ name: "Features" }], SYSTEM_ACTOR);
  const [created] = await registry.service("internal_destinations").create([{
    name: "copy",
    is_active: true,
    desk: desk!._id,
    ...fields,
  }], SYSTEM_ACTOR);
  return { ...created!, deskDoc: desk };
}

/** Resolves with the first `item:operation` signal that `wanted` accepts. */
function operation(
  room: Room,
  wanted: (payload: SignalMap["item:operation"]) => boolean,
): Promise<SignalMap["item:operation"]> {
  return new Promise((resolve) => {
    room.app.platform.services.signals.on("item:operation", (payload) => {
      if (wanted(payload)) resolve(payload);
    }, { app: "test" });
  });
}

/** The archive items copied from `id` (routed or published copies on a destination desk). */
async function copiesOf(room: Room, id: string): Promise<Doc[]> {
  return await room.app.platform.documents.collection("archive").find({ original_id: id });
}

/** Runs the task's handler as a worker would. */
function runTask(room: Room, args: InternalDestinationArgs) {
  const { platform } = room.app;
  const task = platform.tasks.get(INTERNAL_DESTINATIONS_TASK) as TaskDefinition<
    InternalDestinationArgs,
    unknown
  >;
  return task.handler(args, {
    services: platform.services,
    signal: new AbortController().signal,
    log: platform.log,
    attempt: 1,
    taskId: crypto.randomUUID(),
  });
}

publishingTest("only a holder of internal_destinations may create one", async (room) => {
  const [desk] = await room.app.platform.registry.service("desks").create(
    [{ name: "Features" }],
    SYSTEM_ACTOR,
  );
  const response = await room.editor.post("/api/internal_destinations", {
    name: "copy",
    is_active: true,
    desk: desk!._id,
  });
  assert.equal(response.status, 403);
  await response.body?.cancel();
});

publishingTest(
  "a published item reaches an internal destination's desk as a routed copy",
  async (room) => {
    const target = await destination(room);
    const story = await room.story({ headline: "once" });
    const copied = operation(
      room,
      (p) => p.operation === "duplicated_from" && p.item.original_id === story._id,
    );
    await body(await room.act("publish", story));
    const { item: copy } = await copied;
    assert.equal(copy.state, "routed");
    assert.equal((copy.task as Doc).desk, target.desk);
    assert.equal((copy.task as Doc).stage, (target.deskDoc as Doc).incoming_stage);
    // Superdesk's `duplicate_item` keeps the family: the copy is among the story's duplicates.
    assert.ok(story.family_id);
    assert.equal(copy.family_id, story.family_id);
  },
);

/**
 * The item published (and corrected) before any destination was active, so no worker runs its
 * task: the test runs it, again, and twice at once (one of those is refused the item's lock,
 * as a worker would be, and retried).
 */
async function runOftenAndAtOnce(room: Room, args: InternalDestinationArgs) {
  await runTask(room, args);
  await runTask(room, args);
  const both = await Promise.allSettled([runTask(room, args), runTask(room, args)]);
  assert.ok(both.some((outcome) => outcome.status === "fulfilled"));
  await runTask(room, args);
}

publishingTest("a published version is copied once, however often its task runs", async (room) => {
  const story = await room.story({ headline: "once" });
  const published = await body(await room.act("publish", story));
  await destination(room);
  await runOftenAndAtOnce(room, {
    item_id: String(story._id),
    version: Number(published._current_version),
    after_scheduled: false,
  });
  assert.equal((await copiesOf(room, String(story._id))).length, 1);
});

publishingTest("an item on the destination's own desk is not copied", async (room) => {
  await destination(room, { desk: room.desk._id });
  const story = await room.story();
  const published = await body(await room.act("publish", story));
  await sendToDestinations(room.app.platform.services, {
    item_id: String(story._id),
    version: Number(published._current_version),
    after_scheduled: false,
  });
  assert.equal((await copiesOf(room, String(story._id))).length, 0);
});

publishingTest(
  "auto-publish: a correction reaches the desk's published copy once, however often its task runs",
  async (room) => {
    const story = await room.story({ body_html: "<p>Body</p>" });
    const published = await body(await room.act("publish", story));
    const correction = await body(
      await room.act("correct", published, { body_html: "<p>Corrected</p>" }),
    );
    await destination(room, { macro: AUTO_PUBLISH_MACRO });
    const at = (version: number) => ({
      item_id: String(story._id),
      version,
      after_scheduled: false,
    });
    await runOftenAndAtOnce(room, at(Number(published._current_version)));
    const [copy] = await copiesOf(room, String(story._id));
    assert.equal(copy!.state, "published");
    assert.equal(copy!.body_html, "<p>Body</p>");
    await runOftenAndAtOnce(room, at(Number(correction._current_version)));
    const stored = await room.app.platform.documents.collection("archive").findOne({
      _id: copy!._id,
    });
    assert.equal(stored!.state, "corrected");
    assert.equal(stored!.body_html, "<p>Corrected</p>");
    const copies = await room.app.platform.documents.collection("published").find({
      item_id: copy!._id,
    });
    assert.deepEqual(copies.map((c: Json) => c.state).sort(), ["corrected", "published"]);
  },
);

publishingTest(
  "auto-publish: a kill claimed before a crash still reaches a copy a user corrected meanwhile",
  async (room) => {
    const story = await room.story({ body_html: "<p>Body</p>" });
    const published = await body(await room.act("publish", story));
    const target = await destination(room, { macro: AUTO_PUBLISH_MACRO });
    const at = (version: number) => ({
      item_id: String(story._id),
      version,
      after_scheduled: false,
    });
    await runTask(room, at(Number(published._current_version)));
    const archive = room.app.platform.documents.collection("archive");
    const [copy] = await copiesOf(room, String(story._id));
    const killed = await body(await room.act("kill", published, { body_html: "<p>Killed</p>" }));
    // The kill's run claimed the copy at its version, then crashed before killing it.
    const version = Number(killed._current_version);
    await room.app.platform.documents.collection("internal_destination_claims").insertMany([{
      _id: `${story._id}.${target._id}.${version}:claim`,
      copy: copy!._id,
      before: Number(copy!._current_version),
    }]);
    // Meanwhile a user of the destination's desk corrected the copy.
    await room.app.platform.registry.service("desks").update(String(target.desk), {
      members: [{ user: room.editor.userId }],
    }, { actor: SYSTEM_ACTOR });
    const current = await archive.findOne({ _id: copy!._id });
    await body(await room.act("correct", current as Json, { headline: "edited on the desk" }));
    await runTask(room, at(version));
    const stored = await archive.findOne({ _id: copy!._id });
    assert.equal(stored!.state, "killed");
  },
);
