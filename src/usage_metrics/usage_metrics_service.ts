/**
 * Stores usage records and counts them on their item (Superdesk's `UsageMetricsService`): after
 * a record is stored, the archive and ingest item it names gets `metrics.<action>` set to the
 * number of such records, with no new version, no notification, and its etag and `_updated`
 * kept, as Superdesk's `system_update(..., change_request=True)` (a preview is no edit: whoever
 * holds the item's etag may still save it, and lists sorted by `_updated` do not move). The
 * figure is exact under concurrent clients: each record's count is taken after it is stored and
 * written only over a smaller one, so the count taken after the last record, all of them, stays
 * (the search copy, which keeps `metrics` in `_source` only, may show one fewer after two records
 * landed together, until the item's next write). An unknown item is no error.
 *
 * Safer than Superdesk, which stores the `user` the body names: a signed-in user's records are
 * theirs (the web client sends its own id anyway), so nobody records on another's behalf. An
 * item counts at most `MAX_ACTIONS` kinds of action, so records cannot grow it without bound
 * (first records of new kinds arriving together may pass the check together).
 */
import { ValidationError } from "../errors.ts";
import { syncSearch } from "../indexing/search_sync.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

/** How many kinds of action one item counts (the web client records `preview` only). */
export const MAX_ACTIONS = 20;

/** The resources whose items count records, as Superdesk's. */
const COUNTED_IN = ["archive", "ingest"];

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
        if (overActionLimit((await holder.findOne({ _id: item }, SYSTEM_ACTOR))?.metrics, action)) {
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

  /** Raises the item's count of `action` in `holder` to the records' count, if it has the item. */
  async #count(holder: ResourceService, item: string, action: string): Promise<void> {
    const current = await holder.findOne({ _id: item }, SYSTEM_ACTOR);
    if (!current || overActionLimit(current.metrics, action)) return;
    const count = await this.collection.count({ item, action });
    const path = `metrics.${action}`;
    const { definition } = holder;
    const stored = await this.ctx.documents.collection(definition.datasource.source).updateOne(
      { _id: item, $or: [{ [path]: { $exists: false } }, { [path]: { $lt: count } }] },
      { $set: { [path]: count } },
    );
    if (stored) await syncSearch(this.ctx, definition, { index: [stored] });
  }

  #holders(): ResourceService[] {
    return COUNTED_IN.map((name) => this.ctx.registry.service(name));
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
