/**
 * When `src/media/media_references.ts` deletes a file: its claim protocol under interleavings
 * forced with a gate (no timing), two deletions of a shared file's last referrers and a referrer
 * writing between a deletion's count and its end; and an item that went out keeps its files.
 */
import assert from "node:assert/strict";
import { ConflictError } from "../../src/errors.ts";
import { MediaReferences } from "../../src/media/media_references.ts";
import type { Collection, DocumentStore } from "../../src/storage/document_store.ts";
import type { TestApp } from "../_app.ts";
import { engineTest } from "./_media.ts";

/**
 * `documents` whose first `method` call on media_references waits for `open()`: after it ran
 * (a count), or before it runs (a read of the claims).
 */
function gated(documents: DocumentStore, method: "count" | "find", when: "after" | "before") {
  let reached!: () => void;
  let open!: () => void;
  const arrived = new Promise<void>((resolve) => reached = resolve);
  const opened = new Promise<void>((resolve) => open = resolve);
  let first = true;
  const store = {
    collection(name: string): Collection {
      const collection = documents.collection(name);
      return new Proxy(collection, {
        get(target, key) {
          const value = Reflect.get(target, key, target);
          if (key !== method || name !== "media_references") return value?.bind?.(target) ?? value;
          return async (...args: unknown[]) => {
            const wait = first;
            first = false;
            const pause = async () => {
              reached();
              await opened;
            };
            if (wait && when === "before") await pause();
            const result = await value.apply(target, args);
            if (wait && when === "after") await pause();
            return result;
          };
        },
      });
    },
  } as unknown as DocumentStore;
  return { store, arrived, open };
}

async function sharedFile(app: TestApp, ...items: string[]) {
  const media = app.platform.services.media;
  const { _id } = await media.put(new Uint8Array([79, 103, 103, 83, 1]), {
    contentType: "audio/ogg",
    filename: "clip.ogg",
  });
  const docs = items.map((id) => ({
    _id: id,
    type: "audio",
    state: "in_progress",
    renditions: { original: { media: _id } },
  }));
  const references = new MediaReferences(app.platform.documents, media);
  for (const doc of docs) await references.refer(doc);
  return { media, id: _id, docs, references };
}

engineTest("the two last referrers of a file deleted at once leave no file behind", async (app) => {
  const { media, id, docs: [a, b], references } = await sharedFile(app, "a", "b");
  // a's deletion counts b's reference, then waits while b's deletion runs to its end.
  const gate = gated(app.platform.documents, "count", "after");
  const deletingA = new MediaReferences(gate.store, media).release(a!);
  await gate.arrived;
  await references.release(b!);
  gate.open();
  await deletingA;
  assert.equal(await media.exists(id), false, "a file no item refers to was left stored");
});

engineTest("an item referring to a file after its deletion counted is refused", async (app) => {
  const { media, id, docs: [a] } = await sharedFile(app, "a");
  const deleting = gated(app.platform.documents, "count", "after");
  const deletion = new MediaReferences(deleting.store, media).release(a!);
  await deleting.arrived; // counted none: the file goes
  const reading = gated(app.platform.documents, "find", "before");
  const referring = new MediaReferences(reading.store, media)
    .refer({ _id: "c", type: "audio", renditions: { original: { media: id } } });
  await reading.arrived; // c's reference written, its claims not yet read
  deleting.open();
  await deletion;
  reading.open();
  await assert.rejects(referring, ConflictError);
  assert.equal(await media.exists(id), false);
  const stored = app.platform.documents.collection("media_references");
  assert.equal(await stored.count({ media_id: id }), 0, "c's reference was left recorded");
});

engineTest("an item that went out keeps its files when deleted in a later state", async (app) => {
  // Published, then unpublished and spiked: its published copy still shows the file.
  const { media, id, docs: [a], references } = await sharedFile(app, "a");
  await references.release({ ...a!, state: "spiked", firstpublished: new Date() });
  assert.equal(await media.exists(id), true, "a file of a published copy was deleted");
});
