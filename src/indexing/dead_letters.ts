/**
 * Documents the search engine refuses for good (a value its mapping rejects, a document too
 * large): retrying the same document cannot succeed, so instead of the outbox they go here, one
 * entry per `{resource, _id}` (collection `search_dead_letters`) with the engine's reason and the
 * `_etag` that was refused. `index:check` and `/metrics` show them; a later edit of the document
 * is indexed by its own write, and the reconciler then drops the entry (the index holds the
 * stored etag again).
 */
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** The collection holding the dead letters. */
export const DEAD_LETTER_COLLECTION = "search_dead_letters";

/** One refused document. */
export interface DeadLetter {
  _id: string;
  resource: string;
  doc_id: string;
  /** The `_etag` of the refused copy (null when it had none). */
  etag: string | null;
  reason: string;
  failed_at: Date;
}

/** A refusal to record. */
export interface Refusal {
  _id: string;
  etag?: string | null;
  reason: string;
}

/** The dead letters over one document store. */
export class SearchDeadLetters {
  #documents: DocumentStore;

  constructor(documents: DocumentStore) {
    this.#documents = documents;
  }

  get #collection() {
    return this.#documents.collection(DEAD_LETTER_COLLECTION);
  }

  /** Records (or refreshes) the refusal of each document. */
  async record(resource: string, refusals: Refusal[]): Promise<void> {
    const now = new Date();
    for (const { _id: docId, etag = null, reason } of refusals) {
      const _id = `${resource}:${docId}`;
      const set = { etag, reason, failed_at: now };
      if (await this.#collection.updateOne({ _id }, { $set: set })) continue;
      try {
        await this.#collection.insertMany([{ _id, resource, doc_id: docId, ...set }]);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await this.#collection.updateOne({ _id }, { $set: set });
      }
    }
  }

  /** The dead letters of `resource` (of every resource when omitted), oldest first. */
  async list(resource?: string): Promise<DeadLetter[]> {
    const docs = await this.#collection.find(resource ? { resource } : {}, {
      sort: [["failed_at", 1]],
    });
    return docs as unknown as DeadLetter[];
  }

  /** Drops the entries of `docIds` of `resource`. */
  async remove(resource: string, docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await this.#collection.deleteMany({ _id: { $in: docIds.map((id) => `${resource}:${id}`) } });
  }

  /** How many documents are refused. */
  async count(): Promise<number> {
    return await this.#collection.count({});
  }
}
