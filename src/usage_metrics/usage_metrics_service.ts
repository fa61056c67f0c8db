/**
 * Stores usage records and counts them on their item (Superdesk's `UsageMetricsService`): after
 * a record is stored, the archive and ingest item it names gets `metrics.<action>` set to the
 * number of such records, with no new version, no notification and its etag kept (a preview is
 * not an edit: whoever holds the item's etag may still save it). Counting the records, rather
 * than adding one to what the item holds, keeps the figure exact under concurrent clients: each
 * write is guarded (compare-and-set) and retried, and should one give up after repeated races,
 * the next record of that item's action writes the full count. An unknown item is no error.
 *
 * Safer than Superdesk, which stores the `user` the body names: a signed-in user's records are
 * theirs (the web client sends its own id anyway), so nobody records on another's behalf. An
 * item counts at most `MAX_ACTIONS` kinds of action, so records cannot grow it without bound.
 */
import { ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { IngestService } from "../ingest/ingest_service.ts";

/** How many times one count is written again after another write to the item landed first. */
const ATTEMPTS = 10;

/** How many kinds of action one item counts (the web client records `preview` only). */
export const MAX_ACTIONS = 20;

/** Where a counted item may be, and how its `metrics` are written there. */
interface MetricsHolder {
  read(id: string): Promise<Doc | null>;
  /** Writes `metrics` if the item is still `current`; false when it changed since. */
  write(current: Doc, metrics: Doc): Promise<boolean>;
}

export class UsageMetricsService extends ResourceService {
  protected override async onCreate(docs: Doc[], actor: Actor): Promise<void> {
    if (actor.kind === "user") { for (const doc of docs) doc.user = actor.userId; }
    const users = this.ctx.registry.service("users");
    for (const user of new Set(docs.map((doc) => doc.user))) {
      if (!await users.findOne({ _id: user }, SYSTEM_ACTOR)) {
        throw new ValidationError({
          user: `value '${user}' must exist in resource 'users', field '_id'.`,
        });
      }
    }
    for (const [item, action] of pairsOf(docs)) {
      for (const holder of this.#holders()) {
        if (overActionLimit((await holder.read(item))?.metrics, action)) {
          throw new ValidationError({
            action: `item '${item}' counts ${MAX_ACTIONS} kinds of action already`,
          });
        }
      }
    }
  }

  protected override async onCreated(docs: Doc[], _actor: Actor): Promise<void> {
    // Once per item and action: a bulk of records costs one count each, not one per record.
    for (const [item, action] of pairsOf(docs)) {
      for (const holder of this.#holders()) await this.#count(holder, item, action);
    }
  }

  /** Sets the item's count of `action` in `holder`, if `holder` has the item. */
  async #count(holder: MetricsHolder, item: string, action: string): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await holder.read(item);
      // Concurrent records of new kinds passed `onCreate` together: they stay uncounted.
      if (!current || overActionLimit(current.metrics, action)) return;
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

/** The distinct `[item, action]` pairs of `docs`. */
function pairsOf(docs: Doc[]): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const doc of docs) {
    const pair: [string, string] = [String(doc.item), String(doc.action)];
    pairs.set(JSON.stringify(pair), pair);
  }
  return [...pairs.values()];
}

/** Whether counting `action` would add a kind of action to `metrics` beyond `MAX_ACTIONS`. */
function overActionLimit(metrics: unknown, action: string): boolean {
  const counted = (metrics ?? {}) as Doc;
  return !Object.hasOwn(counted, action) && Object.keys(counted).length >= MAX_ACTIONS;
}
