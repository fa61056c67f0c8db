/**
 * Version copies of a versioned resource (Eve's shadow collection `<source>_versions`): one
 * document per write holding the full item, `_id_document` (the item's id) and
 * `_current_version`. Serves `?version=N|all|diffs`.
 */
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { newObjectId } from "./ids.ts";
import type { ResourceDefinition } from "./resource_definition.ts";

export class Versions {
  #definition: ResourceDefinition;
  #documents: DocumentStore;

  constructor(definition: ResourceDefinition, documents: DocumentStore) {
    this.#definition = definition;
    this.#documents = documents;
  }

  get #collection() {
    return this.#documents.collection(`${this.#definition.datasource.source}_versions`);
  }

  /** Stores a copy of each document at its `_current_version`. */
  async record(docs: Doc[]): Promise<void> {
    const copies = docs.map((doc) => {
      const copy: Doc = { ...doc, _id: newObjectId(), _id_document: doc._id };
      for (const field of this.#definition.hiddenFields) delete copy[field];
      return copy;
    });
    await this.#collection.insertMany(copies);
  }

  /** The item as it was at `version`, with `_id` restored; null when unknown. */
  async get(id: string, version: number): Promise<Doc | null> {
    const copy = await this.#collection.findOne({ _id_document: id, _current_version: version });
    return copy ? restore(copy) : null;
  }

  /**
   * The items as they were at each of `wanted` (id and version), in one read, with `_id` restored
   * (null where unknown); `fields` limits what is read of each to those top-level fields.
   */
  async getEach(
    wanted: ReadonlyArray<{ id: string; version: number }>,
    fields?: readonly string[],
  ): Promise<Array<Doc | null>> {
    if (wanted.length === 0) return [];
    const projection = fields &&
      Object.fromEntries(
        [...fields, "_id_document", "_current_version"].map((field) => [field, 1 as const]),
      );
    // Pairs, not `ids × versions`: items with many versions would match that cross product.
    const pairs = new Map(
      wanted.map(({ id, version }) => [versionKey(id, version), { id, version }]),
    );
    const copies = await this.#collection.find({
      $or: [...pairs.values()].map(({ id, version }) => ({
        _id_document: id,
        _current_version: version,
      })),
    }, { projection });
    const byKey = new Map(
      copies.map((copy) => [versionKey(copy._id_document, copy._current_version), copy]),
    );
    return wanted.map(({ id, version }) => {
      const copy = byKey.get(versionKey(id, version));
      return copy ? restore(copy) : null;
    });
  }

  /** Every version, oldest first, paged. */
  async list(id: string, { skip = 0, limit = 25 } = {}): Promise<{ items: Doc[]; total: number }> {
    const filter = { _id_document: id };
    const [copies, total] = await Promise.all([
      this.#collection.find(filter, { sort: [["_current_version", 1]], skip, limit }),
      this.#collection.count(filter),
    ]);
    return { items: copies.map(restore), total };
  }

  /**
   * Copies the versions of item `fromId` up to `upTo` to item `to` (a duplicate: its history
   * begins with its source's), with `fields` (the duplicate's identity) set on each copy. Versions
   * a racing save added after the one copied are not the duplicate's (its own is `upTo + 1`).
   */
  async copyTo(
    fromId: string,
    to: string,
    { fields, upTo }: { fields: Doc; upTo: number },
  ): Promise<void> {
    const versions = await this.#collection.find({
      _id_document: fromId,
      _current_version: { $lte: upTo },
    });
    if (versions.length === 0) return;
    await this.#collection.insertMany(
      versions.map((version) => ({ ...version, ...fields, _id: newObjectId(), _id_document: to })),
    );
  }

  /** Removes every version of the item. */
  async removeAll(id: string): Promise<void> {
    await this.#collection.deleteMany({ _id_document: id });
  }

  /** Indexes the versions collection needs. */
  async ensureIndexes(): Promise<void> {
    await this.#collection.ensureIndexes([{
      name: "id_document_version",
      keys: { _id_document: 1, _current_version: 1 },
      unique: true,
    }]);
  }
}

function restore(copy: Doc): Doc {
  const { _id_document, ...rest } = copy;
  return { ...rest, _id: _id_document };
}

/** `?version=diffs`: the first version whole, then only what changed in each later one. */
export function versionDiffs(versions: Doc[]): Doc[] {
  return versions.map((version, i) => {
    if (i === 0) return version;
    const previous = versions[i - 1]!;
    const diff: Doc = {
      _id: version._id,
      _current_version: version._current_version,
      _etag: version._etag,
    };
    for (const [key, value] of Object.entries(version)) {
      if (JSON.stringify(previous[key]) !== JSON.stringify(value)) diff[key] = value;
    }
    return diff;
  });
}

/** One (item, version) pair as a map key. */
function versionKey(id: unknown, version: unknown): string {
  return `${id}\u0000${version}`;
}
