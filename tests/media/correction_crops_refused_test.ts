/**
 * A correction that is not stored leaves no crop file of its own behind, on both setups, except
 * one another item refers to by then (an associated item corrected with the story's crops
 * before the story's own write failed): its files go through the media references' claims.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { chainValidators } from "../../src/publish/item_validator.ts";
import { type PublishContext, publishItem } from "../../src/publish/publish_action.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { validatorsResourceValidator } from "../../src/publish/validators_resource_validator.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { croppablePicture } from "./_crop_picture.ts";
import { engineTest } from "./_media.ts";

engineTest(
  "a refused correction's crop files go unless another item refers to them",
  async (app) => {
    const { admin, url, item } = await croppablePicture(app);
    const { platform } = app;
    const registry = platform.registry;
    const archive = registry.service<ArchiveService>("archive");
    // The files stored and deleted from here on.
    const storage = platform.services.media;
    const made: string[] = [];
    const live = new Set<string>();
    const put = storage.put.bind(storage);
    const remove = storage.delete.bind(storage);
    storage.put = async (body, options) => {
      const info = await put(body, options);
      made.push(info._id);
      live.add(info._id);
      return info;
    };
    storage.delete = async (id) => {
      live.delete(id);
      return await remove(id);
    };
    const references = platform.services.documents.collection("media_references");
    // What the action does last before its write: refuse it, once `refer` says another item
    // refers to the files the correction made.
    let refer = false;
    const context: PublishContext = {
      archive,
      published: registry.service<PublishedService>("published"),
      validator: chainValidators(validatorsResourceValidator(registry)),
      queue: platform.queue,
      documents: platform.services.documents,
      timeZone: "UTC",
      hooks: [{
        async beforeWrite(kind) {
          if (kind !== "correct") return;
          if (refer) {
            await references.insertMany(made.map((id) => ({
              _id: `other:${id}`,
              item_id: "other",
              media_id: id,
              associated_id: null,
              published: true,
            })));
          }
          throw new BadRequestError("refused by a test hook");
        },
      }],
    };
    await publishItem(context, "publish", item._id, { actor: SYSTEM_ACTOR, etag: item._etag });
    const crop = { "4-3": { CropLeft: 0, CropTop: 0, CropRight: 40, CropBottom: 30 } };
    const correct = async () => {
      const { _etag } = await (await admin.get(url)).json() as Doc;
      made.length = 0;
      await assert.rejects(
        publishItem(context, "correct", item._id, {
          actor: SYSTEM_ACTOR,
          etag: String(_etag),
          updates: { renditions: crop },
        }),
        BadRequestError,
      );
      assert.equal(made.length, 1, "the correction cut its crop");
      return made[0]!;
    };

    const alone = await correct();
    assert.equal(live.has(alone), false);
    assert.equal(await references.count({ media_id: alone }), 0);

    refer = true;
    const shared = await correct();
    assert.deepEqual([...live], [shared]);
    // The picture's own reference to it went; the other item's stays.
    assert.deepEqual(
      (await references.find({ media_id: shared })).map((reference) => reference.item_id),
      ["other"],
    );
    const stored = await (await admin.get(url)).json() as Doc;
    assert.equal(stored.state, "published");
    assert.equal((stored.renditions as Doc)["4-3"], undefined);
  },
);
