/**
 * Which items refer to which media files, so that a file goes once nothing refers to it
 * (Superdesk's `media_references` collection, `CropService.update_media_references` and
 * `remove_media_files` of `apps/archive/common.py`). An item's references are recorded before
 * it is stored (created or saved: a media item's renditions, another item's associated media);
 * references of renditions it no longer holds stay while the item lives (its versions hold
 * them). When an item is deleted (deleted by a user, or expired by content expiry) its
 * references go, and each of its files that no item refers to any more is deleted. An item
 * that went out keeps its references: its published and archived copies show its files.
 *
 * Two items may share a file (a duplicate, an association). Each deletion writes its own claim
 * on the file, counts its references and deletes it only at none; a new reference is written,
 * then the claims read: of two racing writers at least one sees the other's write, so either the
 * deletion sees the reference and keeps the file, or the referring write sees the claim and is
 * refused (409, nothing stored). Deletions do not exclude one another (each counts after its own
 * item's references went, so the last one sees none), and the claim of a deletion that deleted
 * the file stays, as its mark, for referrers that wrote after its count. A claim older than
 * `CLAIM_STALE_MS` whose file was not deleted (its deleter died) is ignored.
 */
import { Type } from "@sinclair/typebox";
import { ConflictError } from "../errors.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { Collection, Doc, DocumentStore } from "../storage/document_store.ts";
import { DuplicateKeyError } from "../storage/document_store.ts";
import { PUBLISHED_STATES } from "../publish/publish_workflow.ts";
import { isMediaId, type MediaStorage } from "./media_storage.ts";

/**
 * The stored references and claims; not routed (Superdesk serves GET on it, which no client
 * reads). Indexes as Superdesk's.
 */
export const mediaReferencesResource = defineResource({
  name: "media_references",
  schema: Type.Object({}, { additionalProperties: true }),
  internal: true,
  indexes: [
    { name: "item_id_1_media_1", keys: { item_id: 1, media_id: 1 } },
    { name: "media_1", keys: { media_id: 1 } },
    { name: "claim_of_1", keys: { claim_of: 1 }, sparse: true },
  ],
});

/** Item types whose own renditions are their media (Superdesk's `MEDIA_TYPES`). */
const MEDIA_TYPES = new Set(["picture", "graphic", "audio", "video"]);
const CLAIM_STALE_MS = 60_000;

/** A reference: `item` shows file `media` (in its association `associated`, if set). */
interface Reference {
  media: string;
  associated?: string;
}

/** The references of items to media files. */
export class MediaReferences {
  readonly #documents: DocumentStore;
  readonly #storage: MediaStorage;

  constructor(documents: DocumentStore, storage: MediaStorage) {
    this.#documents = documents;
    this.#storage = storage;
  }

  get #collection(): Collection {
    return this.#documents.collection(mediaReferencesResource.datasource.source);
  }

  /**
   * Records that `item` (about to be stored) refers to its files; a 409 when one of them is being
   * deleted (nothing recorded then).
   */
  async refer(item: Doc): Promise<void> {
    const itemId = String(item._id);
    const references = referencesOf(item);
    if (references.length === 0) return;
    // A saved item mostly refers to what it did: one read spares an insert refused per file.
    const held = new Set(
      (await this.#collection.find({ item_id: itemId }, { projection: { _id: 1 } }))
        .map((reference) => String(reference._id)),
    );
    const added: string[] = [];
    const media = new Set<string>();
    for (const { media: id, associated } of references) {
      media.add(id);
      if (held.has(`${itemId}:${id}`)) continue;
      try {
        await this.#collection.insertMany([{
          _id: `${itemId}:${id}`,
          item_id: itemId,
          media_id: id,
          associated_id: associated ?? null,
          published: false,
        }]);
        added.push(`${itemId}:${id}`);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    if (added.length === 0) return;
    const claims = await this.#collection.find({ claim_of: { $in: [...media] } });
    const deleted = new Set(claims.filter((claim) => claim.deleted).map((claim) => claim.claim_of));
    const live = new Set(claims.filter(isLive).map((claim) => claim.claim_of));
    if (live.size === 0 && deleted.size === 0) return;
    await this.#collection.deleteMany({ _id: { $in: added } });
    if (deleted.size > 0) {
      throw new ConflictError(`The media ${[...deleted].join(", ")} was deleted`, {
        issues: { renditions: "media deleted" },
      });
    }
    throw new ConflictError(`The media ${[...live].join(", ")} is being deleted: try again`, {
      issues: { renditions: "media being deleted" },
    });
  }

  /**
   * `item` was deleted: its references go, and its files no item refers to any more (unless it
   * went out: its copies keep them).
   */
  async release(item: Doc): Promise<void> {
    // Superdesk marks them published: its published references outlive the item, also when it
    // was spiked since (unpublished or recalled first), which only `firstpublished` still shows.
    if (PUBLISHED_STATES.has(String(item.state)) || item.firstpublished) return;
    const itemId = String(item._id);
    const references = await this.#collection.find({ item_id: itemId });
    await this.#collection.deleteMany({ item_id: itemId });
    for (const media of new Set(references.map((ref) => String(ref.media_id)))) {
      await this.#collect(media);
    }
  }

  /**
   * A save of `itemId` that was not stored made files `ids`: the references it recorded to them
   * go, then each goes unless another item refers to it (an associated item corrected with the
   * story's crops before the story's own write failed).
   */
  async unrefer(itemId: string, ids: Iterable<string>): Promise<void> {
    const media = [...new Set(ids)];
    if (media.length === 0) return;
    await this.#collection.deleteMany({ _id: { $in: media.map((id) => `${itemId}:${id}`) } });
    await this.collect(media);
  }

  /**
   * Deletes each of files `ids` that no item refers to (a deleted upload's: an item made from it
   * keeps them until its own deletion releases them).
   */
  async collect(ids: Iterable<string>): Promise<void> {
    for (const media of new Set(ids)) await this.#collect(media);
  }

  /** Deletes file `media` if nothing refers to it (under a claim of its own). */
  async #collect(media: string): Promise<void> {
    const claim = {
      _id: `claim:${media}:${crypto.randomUUID()}`,
      claim_of: media,
      claimed_at: Date.now(),
    };
    await this.#collection.insertMany([claim]);
    let deleted = false;
    try {
      if ((await this.#collection.count({ media_id: media })) === 0) {
        await this.#storage.delete(media);
        deleted = true;
      }
    } finally {
      if (deleted) await this.#collection.replaceOne({ _id: claim._id }, { ...claim, deleted });
      else await this.#collection.deleteOne({ _id: claim._id });
    }
  }
}

/** A claim whose deletion may still be running (younger than `CLAIM_STALE_MS`). */
function isLive(claim: Doc): boolean {
  return !claim.deleted && Date.now() - Number(claim.claimed_at) <= CLAIM_STALE_MS;
}

/**
 * The files `item` shows: a media item's renditions, else its associations' renditions
 * (Superdesk's `update_media_references`).
 */
function referencesOf(item: Doc): Reference[] {
  const out: Reference[] = [];
  if (MEDIA_TYPES.has(String(item.type))) {
    for (const media of renditionMedia(item.renditions)) out.push({ media });
    return out;
  }
  const associations = item.associations;
  if (!associations || typeof associations !== "object") return out;
  for (const association of Object.values(associations as Record<string, Doc | null>)) {
    const associated = association?._id === undefined ? undefined : String(association._id);
    for (const media of renditionMedia(association?.renditions)) out.push({ media, associated });
  }
  return out;
}

function renditionMedia(renditions: unknown): string[] {
  if (!renditions || typeof renditions !== "object") return [];
  const ids: string[] = [];
  for (const rendition of Object.values(renditions as Record<string, Doc | null>)) {
    const media = rendition?.media;
    if (media !== undefined && media !== null && isMediaId(String(media))) ids.push(String(media));
  }
  return ids;
}
