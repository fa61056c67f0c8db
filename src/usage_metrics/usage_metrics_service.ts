/**
 * Stores usage records and counts them on their item (Superdesk's `UsageMetricsService`): after
 * a record is stored, the archive and ingest item it names gets `metrics.<action>` set to the
 * number of such records, with no new version, no notification and its etag kept (a preview is
 * not an edit: whoever holds the item's etag may still save it). Counting the records, rather
 * than adding one to what the item holds, keeps the figure exact under concurrent clients: each
 * write is guarded (compare-and-set) and retried, and should one give up after repeated races,
 * the next record of that item's action writes the full count. An unknown item is no error.
 */
import { ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { IngestService } from "../ingest/ingest_service.ts";

/** How many times one count is written again after another write to the item landed first. */
const ATTEMPTS = 10;

/** Where a counted item may be, and how its `metrics` are written there. */
interface MetricsHolder {
  read(id: string): Promise<Doc | null>;
  /** Writes `metrics` if the item is still `current`; false when it changed since. */
  write(current: Doc, metrics: Doc): Promise<boolean>;
}

export class UsageMetricsService extends ResourceService {
  protected override async onCreate(docs: Doc[], _actor: Actor): Promise<void> {
    const users = this.ctx.registry.service("users");
    for (const doc of docs) {
      const found = await users.findOne({ _id: doc.user }, SYSTEM_ACTOR);
      if (!found) {
        throw new ValidationError({
          user: `value '${doc.user}' must exist in resource 'users', field '_id'.`,
        });
      }
    }
  }

  protected override async onCreated(docs: Doc[], _actor: Actor): Promise<void> {
    for (const doc of docs) {
      const item = String(doc.item);
      const action = String(doc.action);
      for (const holder of this.#holders()) await this.#count(holder, item, action);
    }
  }

  /** Sets the item's count of `action` in `holder`, if `holder` has the item. */
  async #count(holder: MetricsHolder, item: string, action: string): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await holder.read(item);
      if (!current) return;
      const count = await this.collection.count({ item, action });
      const metrics = { ...(current.metrics as Doc | undefined), [action]: count };
      if (await holder.write(current, metrics)) return;
    }
    this.ctx.log.warn("usage metric not counted on its item after repeated concurrent writes", {
      item,
      action,
    });
  }

  #holders(): MetricsHolder[] {
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    const ingest = this.ctx.registry.service<IngestService>("ingest");
    return [
      {
        read: (id) => archive.findOne({ _id: id }, SYSTEM_ACTOR),
        write: async (current, metrics) =>
          await archive.writeUnversioned(current, { metrics }, { keepEtag: true }) !== null,
      },
      {
        read: (id) => ingest.findOne({ _id: id }, SYSTEM_ACTOR),
        write: (current, metrics) => ingest.writeMetrics(current, metrics),
      },
    ];
  }
}
