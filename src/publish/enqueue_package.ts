/**
 * Where a package's published copy goes (Superdesk's `EnqueueService._publish_package_items` and
 * `publish_package`): to every subscriber that received one of its items (queue entries of the
 * item with the item's current state), each getting the package with only the refs of the items
 * it received, at their current versions. A correction or kill also reaches the subscribers of
 * the items it removed since the package was last queued. Should a subscriber be left with no
 * item (unless correcting), or no subscriber get the package (wire subscribers take no packages),
 * the package is routed as any item to digital subscribers. The items' own entries must be stored
 * first: the enqueue step routes a page's packages after its other copies (`enqueue_task.ts`).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { groupsOf, itemRefsOf, ROOT_GROUP } from "../newsroom/package_groups.ts";
import { type RoutedCopy, type RoutingSnapshot, subscribersFor } from "./enqueue_copy.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import type { PublishedService } from "./published_service.ts";
import type { Route } from "./subscriber_routing.ts";

/** A subscriber of a package's items: which of them it gets (false: removed) and its codes. */
interface Receiver {
  subscriber: Doc;
  items: Map<string, boolean>;
  codes: string[];
}

/**
 * What package `copy` is queued as: one copy per subscriber that had its items, or, failing
 * that, the package routed as any item to digital subscribers (besides the subscribers Superdesk
 * queued it for before it gave up, once each).
 */
export async function packageCopies(
  registry: ResourceRegistry,
  copy: Doc,
  snapshot: RoutingSnapshot,
): Promise<RoutedCopy[]> {
  const { routed, fallback } = await packageRoutes(registry, copy, snapshot);
  if (!fallback) return routed;
  const taken = new Set(routed.map(({ routes }) => String(routes[0]!.subscriber._id)));
  const routes = (await subscribersFor(registry, copy, snapshot)).filter((route) =>
    route.subscriber.subscriber_type !== "wire" && !taken.has(String(route.subscriber._id))
  );
  return [...routed, { copy, routes }];
}

/**
 * The per-subscriber copies of package `copy`; `fallback` when the package is to be routed as
 * any item to digital subscribers instead (`routed` then holds the copies Superdesk queued before
 * it gave up).
 */
async function packageRoutes(
  registry: ResourceRegistry,
  copy: Doc,
  snapshot: RoutingSnapshot,
): Promise<{ routed: RoutedCopy[]; fallback: boolean }> {
  const archive = registry.service<ArchiveService>("archive");
  const items = residRefs(copy);
  const operation = String(copy.operation ?? "publish");
  const removed = operation === "correct" || operation === "kill"
    ? await removedSinceQueued(registry, copy, items)
    : [];
  const receivers = new Map<string, Receiver>();
  const current = new Map<string, Doc>();
  for (const [ids, wanted] of [[items, true], [removed, false]] as const) {
    for (const id of ids) {
      const item = await archive.findOne({ _id: id });
      if (!item) throw new Error(`Package item with id: ${id} has not been published.`);
      current.set(id, item);
      for (const { subscriber, codes } of await receivedBy(registry, item, snapshot.active)) {
        const sid = String(subscriber._id);
        const receiver = receivers.get(sid) ?? { subscriber, items: new Map(), codes };
        receiver.items.set(id, wanted);
        receiver.codes = codes;
        receivers.set(sid, receiver);
      }
    }
  }
  const routed: RoutedCopy[] = [];
  for (const { subscriber, items: got, codes } of receivers.values()) {
    const variant = structuredClone(copy);
    for (const id of items) {
      if (got.get(id) === true) continue;
      if (!removeRef(variant, id) && operation !== "correct") return { routed, fallback: true };
    }
    for (const ref of itemRefsOf(variant)) {
      const item = current.get(String(ref.residRef));
      if (item) ref._current_version = item._current_version;
    }
    routed.push({ copy: variant, routes: [{ subscriber, codes }] });
  }
  // Wire subscribers take no package: with only them, the package goes as any item would.
  const queued = routed.some(({ routes }) => routes[0]!.subscriber.subscriber_type !== "wire");
  return { routed, fallback: !queued };
}

/** The ids of the items `pkg` refers to directly (Superdesk's `get_residrefs`). */
function residRefs(pkg: Doc): string[] {
  const ids = groupsOf(pkg).filter((group) => group.id !== ROOT_GROUP)
    .flatMap((group) => itemRefsOf({ groups: [group] }))
    .map((ref) => ref.residRef)
    .filter((id): id is string => typeof id === "string" && id !== "");
  return [...new Set(ids)];
}

/** The items the package's last queued copy held and `items` does not. */
async function removedSinceQueued(
  registry: ResourceRegistry,
  copy: Doc,
  items: string[],
): Promise<string[]> {
  const last = await registry.service<PublishedService>("published").newestCopy(
    String(copy.item_id),
    { queue_state: { $in: ["queued", "queued_not_transmitted"] } },
  );
  if (!last || !Array.isArray(last.groups)) return [];
  const now = new Set(items);
  return residRefs(last).filter((id) => !now.has(id));
}

/**
 * The active subscribers that received `item` in its current state (Superdesk's
 * `_get_subscribers_for_package_item`), with the codes of their last entry.
 */
async function receivedBy(
  registry: ResourceRegistry,
  item: Doc,
  active: Doc[],
): Promise<Route[]> {
  const entries = await registry.service<PublishQueueService>("publish_queue").entries({
    item_id: String(item._id),
    publishing_action: item.state,
  });
  const codes = new Map<string, string[]>();
  for (const entry of entries) {
    codes.set(String(entry.subscriber_id), (entry.codes as string[] | undefined) ?? []);
  }
  return active.filter((subscriber) => codes.has(String(subscriber._id)))
    .map((subscriber) => ({ subscriber, codes: codes.get(String(subscriber._id))! }));
}

/**
 * Superdesk's `remove_ref_from_inmem_package`: drops the refs to `id` from the item groups, and
 * groups left empty (with their root refs); false when the root is then left with no group.
 */
function removeRef(pkg: Doc, id: string): boolean {
  const emptied = new Set<unknown>();
  const groups = groupsOf(pkg);
  for (const group of groups) {
    if (group.id === ROOT_GROUP) continue;
    const refs = (Array.isArray(group.refs) ? group.refs : []).filter((ref: Doc) =>
      ref?.residRef !== id
    );
    if (refs.length === 0) emptied.add(group.id);
    group.refs = refs;
  }
  if (emptied.size === 0) return true;
  const root = groups.find((group) => group.id === ROOT_GROUP);
  const left = (Array.isArray(root?.refs) ? root.refs : []).filter((ref: Doc) =>
    !emptied.has(ref?.idRef)
  );
  if (root) root.refs = left;
  pkg.groups = groups.filter((group) => !emptied.has(group.id));
  return left.length > 0;
}
