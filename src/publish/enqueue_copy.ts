/**
 * Putting a published copy into the publish queue (Superdesk's `EnqueueService.publish` and
 * `queue_transmission`): the subscribers are chosen per action — a publish goes to the
 * subscribers its products and filters route it to (and, for an update, to those that had the
 * story it updates), a correction to those that had the item plus new matches, a kill, takedown
 * or unpublish only to those that had it (or, when none had it, to those it matches now with
 * `UNPUBLISH_TO_MATCHING_SUBSCRIBERS`, Superdesk's `EnqueueKilledService`) — then one entry per subscriber × destination is
 * formatted and stored `pending`. A formatter error is stored as a `failed` entry naming it. A
 * subscriber the item reaches through its api products also gets Superdesk's `content api`
 * entry (ninjs), stored `success`: the content API stores the item itself, nothing transmits it.
 */
import { createHash } from "node:crypto";
import type { Logger } from "../log.ts";
import { newObjectId } from "../resources/ids.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { OBJECT_ID_PATTERN } from "../resources/schema/fields.ts";
import type { Doc } from "../storage/document_store.ts";
import { applySchema, profileSchemas } from "./apply_schema.ts";
import type { ContentFiltersService } from "./content_filters_service.ts";
import type { FormatContext, Formatted, Formatter } from "./formatters/formatter.ts";
import { formatterFor } from "./formatters/formatters.ts";
import { rightsInfo } from "./formatters/rights_info.ts";
import { CONTENT_API_DESTINATION, isContentApi } from "./content_api_delivery.ts";
import { associatedItemsFor, routeAssociations } from "./association_routing.ts";
import { productsTaking } from "./item_products.ts";
import { legalRoutes } from "./legal_routes.ts";
import {
  goesAlone,
  isPackaged,
  MissingPackageItemError,
  withPackageItems,
} from "./packaged_destination.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import { type Route, routeItem, type RoutingContext } from "./subscriber_routing.ts";
import type { SubscribersService } from "./subscribers_service.ts";

/** Queue states that count as "the subscriber has the item". */
const RECEIVED = ["published", "corrected"];

/** What enqueueing produced. */
export interface Enqueued {
  /** Entries stored (failed ones included). */
  entries: Doc[];
  /** Destinations with new pending entries. */
  destinations: Set<string>;
}

/** Reads products, filters and active subscribers once. */
export async function routingContext(registry: ResourceRegistry): Promise<RoutingContext> {
  const products = await registry.service("products").find({
    page: 1,
    maxResults: 10_000,
    skipCount: true,
  });
  return {
    products: new Map(products.items.map((product) => [String(product._id), product])),
    filters: await registry.service<ContentFiltersService>("content_filters").filterSet(),
  };
}

/** What routing reads: active subscribers, products and filters; read once per sweep page. */
export interface RoutingSnapshot {
  active: Doc[];
  context: RoutingContext;
}

/** Reads a routing snapshot. */
export async function routingSnapshot(registry: ResourceRegistry): Promise<RoutingSnapshot> {
  const [active, context] = await Promise.all([
    registry.service<SubscribersService>("subscribers").active(),
    routingContext(registry),
  ]);
  return { active, context };
}

/** The subscribers `copy` goes to, per its operation. */
export async function subscribersFor(
  registry: ResourceRegistry,
  copy: Doc,
  snapshot?: RoutingSnapshot,
): Promise<Route[]> {
  const { active, context } = snapshot ?? await routingSnapshot(registry);
  const operation = String(copy.operation ?? "publish");
  const itemId = String(copy.item_id);
  if (operation === "kill" || operation === "takedown" || operation === "unpublish") {
    const previous = await previousRoutes(registry, itemId, active);
    if (previous.length > 0) return previous;
    // A story killed from `archived`: its entries moved to the legal archive with it.
    const legal = await legalRoutes(registry, itemId);
    if (legal.length > 0) return legal;
    // No subscriber had it (its entries are gone): those it matches now, if so configured.
    const subscribers = registry.service<SubscribersService>("subscribers");
    return subscribers.unpublishToMatching ? routeItem(copy, active, context) : [];
  }
  let routes: Route[];
  if (operation === "correct") {
    const previous = await previousRoutes(registry, itemId, active);
    const had = new Set(previous.map((route) => String(route.subscriber._id)));
    const others = active.filter((subscriber) => !had.has(String(subscriber._id)));
    routes = [...previous, ...routeItem(copy, others, context)];
  } else if (typeof copy.rewrite_of === "string" && copy.rewrite_of) {
    const previous = await previousRoutes(registry, copy.rewrite_of, active);
    const had = new Set(previous.map((route) => String(route.subscriber._id)));
    const fresh = routeItem(copy, active, context);
    routes = [...previous, ...fresh.filter((route) => !had.has(String(route.subscriber._id)))];
  } else {
    routes = routeItem(copy, active, context);
  }
  routeAssociations(copy, routes, context);
  return routes;
}

/** Active subscribers that received `itemId` (published or corrected), with their codes. */
async function previousRoutes(
  registry: ResourceRegistry,
  itemId: string,
  active: Doc[],
): Promise<Route[]> {
  const entries = await registry.service<PublishQueueService>("publish_queue").entries({
    item_id: itemId,
    publishing_action: { $in: RECEIVED },
  });
  const codes = new Map<string, string[]>();
  // Subscribers that had it through the content API get it there again (`api_enabled`).
  const api = new Set<string>();
  const associated = new Map<string, Set<string>>();
  for (const entry of entries) {
    const id = String(entry.subscriber_id);
    codes.set(id, (entry.codes as string[] | undefined) ?? []);
    if (isContentApi(entry.destination)) api.add(id);
    if (!associated.has(id)) associated.set(id, new Set());
    for (const item of (entry.associated_items as string[] | undefined) ?? []) {
      associated.get(id)!.add(String(item));
    }
  }
  return active.filter((subscriber) => codes.has(String(subscriber._id)))
    .map((subscriber) => ({
      subscriber,
      codes: codes.get(String(subscriber._id))!,
      api: api.has(String(subscriber._id)),
      associated: associated.get(String(subscriber._id)),
    }));
}

/** One copy and the subscribers it goes to. */
export interface RoutedCopy {
  copy: Doc;
  routes: Route[];
}

/** What an entry's formatting is told besides the item, its rights and its products. */
type EntryTarget = Omit<FormatContext, "rights" | "products">;

/** How a new entry's id is made: random, or derived from the copy, subscriber and destination. */
export type EntryIds = "random" | "derived";

/** One entry to make: a copy for one destination of one subscriber, with its formatter. */
interface Planned {
  copy: Doc;
  subscriber: Doc;
  codes: string[];
  destination: Doc;
  formatter: Formatter;
}

/**
 * Formats every copy for every destination of its routes and stores the entries in one write,
 * with the subscribers' sequence numbers reserved once per subscriber. With `derived` ids an
 * entry's id follows from its copy, subscriber and destination, so routing a copy again (after a
 * crash between storing the entries and recording it routed) adds nothing twice. `context` is
 * the products and filters the caller routed with (its `RoutingSnapshot`); without it they are
 * read here, once, if a formatter names products.
 */
export async function enqueueForRoutes(
  registry: ResourceRegistry,
  routed: readonly RoutedCopy[],
  { log, ids = "random", context }: { log: Logger; ids?: EntryIds; context?: RoutingContext },
): Promise<Enqueued> {
  const queue = registry.service<PublishQueueService>("publish_queue");
  const planned: Planned[] = [];
  for (const { copy, routes } of routed) {
    const digitalOnly = copy.type !== "text" && copy.type !== "preformatted";
    for (const { subscriber, codes, api } of routes) {
      if (digitalOnly && subscriber.subscriber_type === "wire") continue;
      const own = (subscriber.destinations as Doc[] | undefined) ?? [];
      for (const destination of api ? [...own, CONTENT_API_DESTINATION] : own) {
        const formatter = formatterFor(destination.format);
        if (!formatter) {
          log.warn("no formatter for destination format", { format: destination.format });
          continue;
        }
        if (!formatter.canFormat(copy) || !goesAlone(copy, destination)) continue;
        planned.push({ copy, subscriber, codes, destination, formatter });
      }
    }
  }
  // A package formatted for a packaged destination carries its items, read once per copy before
  // formatting (as the products below): an outage fails the enqueue, to be retried, while a
  // missing item fails only the package's entries.
  const packagedCopies = new Map<Doc, Doc | MissingPackageItemError>();
  const packages = planned
    .filter(({ copy, destination }) => copy.type === "composite" && isPackaged(destination))
    .map(({ copy }) => copy);
  await Promise.all([...new Set(packages)].map(async (copy) => {
    try {
      packagedCopies.set(copy, await withPackageItems(registry, copy));
    } catch (error) {
      if (!(error instanceof MissingPackageItemError)) throw error;
      packagedCopies.set(copy, error);
    }
  }));
  const sequences = await queue.subscriberSequences(planned.map((plan) => plan.subscriber));
  // Products and filters, unless the caller routed with them, are read with the rest, before
  // formatting (an outage fails the enqueue, to be retried, rather than an entry for good), when
  // a formatter names the products.
  const namesProducts = planned.some(({ formatter }) => formatter.namesProducts);
  const [schemas, rights, productContext] = planned.length === 0
    ? [new Map<string, Doc>(), [], undefined]
    : await Promise.all([
      profileSchemas(registry, routed.map(({ copy }) => copy)),
      rightsInfo(registry),
      namesProducts ? context ?? routingContext(registry) : undefined,
    ]);
  // Each copy as its profile lets it out (Superdesk's `filter_document`), made once per copy.
  const shapedCopies = new Map<Doc, Doc>();
  const shaped = (copy: Doc) => {
    let out = shapedCopies.get(copy);
    if (!out) shapedCopies.set(copy, out = applySchema(copy, schemas.get(String(copy.profile))));
    return out;
  };
  const entries: Doc[] = [];
  const destinations = new Set<string>();
  // Formatters whose output depends on the item alone format each copy once (by identity: a
  // package's copies for its subscribers share an id, not their refs).
  const formattedOnce = new Map<Doc, Map<string, Formatted>>();
  const formatFor = (copy: Doc, formatter: Formatter, target: EntryTarget) => {
    const format = () =>
      formatter.format(shaped(copy), {
        ...target,
        rights,
        products: formatter.namesProducts && productContext
          ? productsTaking(copy, productContext)
          : undefined,
      });
    if (!formatter.itemOnly) return format();
    let byType = formattedOnce.get(copy);
    if (!byType) formattedOnce.set(copy, byType = new Map());
    let formatted = byType.get(formatter.type);
    if (!formatted) byType.set(formatter.type, formatted = format());
    return formatted;
  };
  for (const [index, { copy, subscriber, codes, destination, formatter }] of planned.entries()) {
    const sequence = sequences[index]!;
    const entry: Doc = {
      _id: ids === "derived" ? derivedId(copy, subscriber, destination) : newObjectId(),
      item_id: String(copy.item_id),
      item_version: Number(copy._current_version ?? 1),
      subscriber_id: String(subscriber._id),
      codes,
      destination,
      published_seq_num: sequence,
      publish_schedule: (copy.schedule_settings as Doc | undefined)?.utc_publish_schedule ?? null,
      publishing_action: copy.state,
      unique_name: copy.unique_name ?? null,
      content_type: copy.type ?? null,
      headline: copy.headline ?? null,
      ingest_provider: copy.ingest_provider ?? null,
      associated_items: associatedItemsFor(copy, String(subscriber._id)),
      priority: subscriber.priority ?? null,
      transmit_order: Number(copy.publish_sequence_no ?? 0),
      moved_to_legal: false,
      retry_attempt: 0,
      state: "pending",
    };
    try {
      const source = copy.type === "composite" && isPackaged(destination)
        ? packagedCopies.get(copy)!
        : copy;
      if (source instanceof MissingPackageItemError) throw source;
      const formatted = formatFor(source, formatter, { subscriber, destination, sequence, codes });
      entry.formatted_item = formatted.text;
      entry.mime_type = formatted.mimeType;
      entry.file_extension = formatted.extension;
      if (isContentApi(destination)) entry.state = "success";
      else destinations.add(String(destination._id));
    } catch (error) {
      entry.state = "failed";
      entry.error_message = `Cannot format the item as ${destination.format}: ${
        error instanceof Error ? error.message : error
      }`;
      log.error("formatter failed", { itemId: copy.item_id, format: destination.format, error });
    }
    entries.push(entry);
  }
  await queue.insertPrepared(entries, { skipExisting: ids === "derived" });
  return { entries, destinations };
}

/**
 * A 24-hex id derived from the copy, the subscriber and the destination. A copy whose id is an
 * ObjectId lends its time (seconds) to the front of its entries' ids, so they sort after the
 * entries stored in earlier seconds, as new ObjectIds do: a publish's entries then land together
 * at the end of the store's id index instead of on as many pages of it as there are entries
 * (each page a write at commit and again at checkpoint). The 64-bit hash after it tells them
 * apart: a copy's entries share everything else, and two sharing an id would fail its enqueue
 * every time (or, across copies, skip one as already queued). Keeping the copy's counter too
 * would leave 40 bits: a copy with 300 entries had a 4e-8 chance per publish.
 */
export function derivedId(copy: Doc, subscriber: Doc, destination: Doc): string {
  const hash = createHash("sha1")
    .update(`${copy._id}\u0000${subscriber._id}\u0000${destination._id}`)
    .digest("hex");
  const id = String(copy._id);
  if (!OBJECT_ID.test(id)) return hash.slice(0, 24);
  return `${id.slice(0, 8)}${hash.slice(0, 16)}`;
}

/** An ObjectId: 4 bytes of seconds, 5 of the process, 3 of a counter, in hex. */
const OBJECT_ID = new RegExp(OBJECT_ID_PATTERN);
