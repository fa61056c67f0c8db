/**
 * A published package follows its items (`package_follow.ts`): two of its items corrected at the
 * same time both reach the package, the later correction reading the package the earlier changed;
 * a correction the request could not make is made once by the retried task, which leaves alone
 * the package its item was published with.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { chainValidators } from "../../src/publish/item_validator.ts";
import { validatorsResourceValidator } from "../../src/publish/validators_resource_validator.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  PACKAGE_FOLLOW_TASK,
  type PackageFollowArgs,
  packageFollowHooks,
} from "../../src/publish/package_follow.ts";
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { silentLogger } from "../../src/log.ts";
import { type PublishContext, publishItem } from "../../src/publish/publish_action.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import { body } from "../newsroom/_newsroom.ts";
import { packageOfTwo } from "./_packages.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import type { LogFields, Logger } from "../../src/log.ts";

/** A published package of two published stories, over HTTP. */
async function publishedPackageOfTwo(room: Room): Promise<{ stories: Json[]; pkg: Json }> {
  const { stories, pkg: created } = await packageOfTwo(room);
  const pkg = await body(
    await room.act("publish", created),
  );
  assert.equal(pkg.state, "published");
  const published = [];
  for (const story of stories) {
    published.push(await body(await room.editor.get(`/api/archive/${story._id}`)));
  }
  return { stories: published, pkg };
}

/** A logger keeping its errors. */
function errorLog(errors: string[]): Logger {
  const log: Logger = {
    debug() {},
    info() {},
    warn() {},
    error(msg: string, fields?: LogFields) {
      errors.push(`${msg} ${JSON.stringify(fields ?? {})}`);
    },
    child: () => log,
  };
  return log;
}

/** Runs the follow-up task's handler (its `attempt`) as a worker would. */
function runFollowTask(room: Room, args: PackageFollowArgs, attempt = 1) {
  const { platform } = room.app;
  const task = platform.tasks.get(PACKAGE_FOLLOW_TASK) as TaskDefinition<
    PackageFollowArgs,
    unknown
  >;
  return task.handler(args, {
    services: platform.services,
    signal: new AbortController().signal,
    log: silentLogger,
    attempt,
    taskId: "package-follow",
  });
}

publishingTest(
  "two items of a published package corrected at once both reach the package",
  async (room) => {
    const { stories, pkg } = await publishedPackageOfTwo(room);
    const registry = room.app.platform.registry;
    const archive = registry.service<ArchiveService>("archive");
    const base: PublishContext = {
      archive,
      published: registry.service<PublishedService>("published"),
      validator: chainValidators(validatorsResourceValidator(registry)),
      queue: room.app.platform.queue,
      documents: room.app.platform.services.documents,
      timeZone: "UTC",
      hooks: [],
    };
    const errors: string[] = [];
    let raced = false;
    // The first story's follow-up has read the package; the second story's correction (with
    // its own follow-up, as the server runs it) lands before it writes.
    const follow = packageFollowHooks(archive, async (id, options) => {
      if (!raced) {
        raced = true;
        const second = await room.act("correct", stories[1]!, { headline: "Two corrected" });
        assert.equal(second.status, 200, await second.clone().text());
        await second.body?.cancel();
      }
      return await publishItem(base, "correct", id, { ...options, inPackage: true });
    }, { log: errorLog(errors), queue: room.app.platform.queue });
    const first = stories[0]!;
    await publishItem({ ...base, hooks: [follow] }, "correct", first._id, {
      actor: SYSTEM_ACTOR,
      etag: first._etag,
      updates: { headline: "One corrected" },
    });
    assert.deepEqual(errors, []);
    const stored = await body(await room.editor.get(`/api/archive/${pkg._id}`));
    assert.equal(stored.state, "corrected");
    const headlines = stored.groups[1].refs.map((ref: Json) => ref.headline);
    assert.deepEqual(headlines, ["One corrected", "Two corrected"]);
  },
);

publishingTest(
  "a package correction that failed in the request is made once by its retried task",
  async (room) => {
    const { stories, pkg } = await publishedPackageOfTwo(room);
    const { platform } = room.app;
    // The engine fails the package's writes twice: in the request, and the task's first run.
    let faults = 2;
    platform.registry.service("archive").addHooks("engine-fault", {
      onUpdate(_updates: unknown, original: Json) {
        if (original._id === pkg._id && faults-- > 0) throw new Error("engine unavailable");
      },
    });
    const delayed = async () => (await platform.queue.stats()).queues.publish.delayed;
    const before = await delayed();
    const story = await body(
      await room.act("correct", stories[0]!, { headline: "One corrected" }),
    );
    assert.equal(await delayed(), before + 1);
    const unchanged = await body(await room.editor.get(`/api/archive/${pkg._id}`));
    assert.equal(unchanged._current_version, pkg._current_version);
    const run = (attempt: number) =>
      runFollowTask(room, { item_id: story._id, version: story._current_version }, attempt);
    await assert.rejects(async () => await run(1), /engine unavailable/);
    await run(2);
    // Run again as after a crash past the correction: nothing more.
    await run(3);
    const stored = await body(await room.editor.get(`/api/archive/${pkg._id}`));
    assert.equal(stored.state, "corrected");
    assert.equal(stored._current_version, pkg._current_version + 1);
    assert.deepEqual(stored.groups[1].refs.map((ref: Json) => ref.headline), [
      "One corrected",
      undefined,
    ]);
    const copies = await platform.documents.collection("published").count({ item_id: pkg._id });
    assert.equal(copies, 2);
  },
);

publishingTest(
  "the follow-up task of an item published with its package leaves that package alone",
  async (room) => {
    const { stories, pkg: created } = await packageOfTwo(room);
    const [story] = stories;
    // The story is in a second package too (a draft): its publish queues the follow-up task.
    await body(
      await room.editor.post("/api/archive", {
        type: "composite",
        headline: "Draft",
        task: story!.task,
        groups: [
          { id: "root", refs: [{ idRef: "main" }] },
          { id: "main", refs: [{ residRef: story!._id, type: "text" }] },
        ],
      }),
      201,
    );
    // The follow-up task the story's publish with the package queues (its hook, as the action
    // calls it), run once the package is published.
    const queued: PackageFollowArgs[] = [];
    const spy = {
      enqueue: (_task: unknown, args: PackageFollowArgs) => Promise.resolve(queued.push(args)),
    } as unknown as TaskQueue;
    const { registry } = room.app.platform;
    const hooks = packageFollowHooks(
      registry.service<ArchiveService>("archive"),
      () => Promise.reject(new Error("not corrected in the request")),
      { log: silentLogger, queue: spy },
    );
    await hooks.beforeWrite!("publish", {
      original: await body(await room.editor.get(`/api/archive/${story!._id}`)),
      input: { published_in_package: created._id },
      actor: SYSTEM_ACTOR,
    });
    assert.equal(queued.length, 1);
    const pkg = await body(await room.act("publish", created));
    await runFollowTask(room, queued[0]!);
    const stored = await body(await room.editor.get(`/api/archive/${pkg._id}`));
    assert.equal(stored._current_version, pkg._current_version);
    assert.equal(stored.state, "published");
  },
);
