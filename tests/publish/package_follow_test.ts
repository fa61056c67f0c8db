/**
 * A published package follows its items (`package_follow.ts`): two of its items corrected at the
 * same time both reach the package, the later correction reading the package the earlier changed.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { chainValidators, validatorsResourceValidator } from "../../src/publish/item_validator.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { packageFollowHooks } from "../../src/publish/package_follow.ts";
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
    }, { log: errorLog(errors) });
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
