/**
 * Which subscribers get an item (Superdesk's `EnqueueService.filter_subscribers` and the
 * per-action `get_subscribers`): a subscriber's type must suit the item (wire subscribers take
 * text only), the item's targets (subscribers, types, regions) must allow it, no global filter it
 * has not opted out of may block it, and one of its products must take it (the product's geo
 * restriction against the item's target regions, then its content filter, blocking or
 * permitting). A subscriber targeted by name gets the item even without a product. Product and
 * subscriber codes travel with the item. A subscriber's `api_products` are checked the same way:
 * one taking the item (or a subscriber targeted by name that has any) sends it to the content
 * API too (Superdesk's `api_enabled`).
 */
import type { Doc } from "../storage/document_store.ts";
import { type FilterSet, matchesContentFilter } from "./content_filter_match.ts";

/** A subscriber an item goes to, with the codes it goes with. */
export interface Route {
  subscriber: Doc;
  codes: string[];
  /** Whether the item also goes to the subscriber's content API (`api_products`). */
  api?: boolean;
  /** The ids of the associations the subscriber had with earlier versions of the item. */
  associated?: ReadonlySet<string>;
}

/** What routing reads once per enqueue. */
export interface RoutingContext {
  products: ReadonlyMap<string, Doc>;
  filters: FilterSet;
}

/** The subscribers among `subscribers` that `item` goes to when published. */
export function routeItem(item: Doc, subscribers: Doc[], context: RoutingContext): Route[] {
  const digitalOnly = item.type !== "text" && item.type !== "preformatted";
  const blocking = [...context.filters.contentFilters.values()]
    .filter((filter) => filter.is_global === true)
    .filter((filter) => matchesContentFilter(filter, item, context.filters));
  const routes: Route[] = [];
  for (const subscriber of subscribers) {
    if (digitalOnly && subscriber.subscriber_type === "wire") continue;
    const { conforms, targeted } = subscriberTargets(subscriber, item);
    if (!conforms) continue;
    const overrides = (subscriber.global_filters ?? {}) as Record<string, boolean>;
    if (blocking.some((filter) => overrides[String(filter._id)] !== false)) continue;
    const codes = codesOf(subscriber);
    const accepted = takenBy(asList(subscriber.products), item, context, codes);
    let api = takenBy(asList(subscriber.api_products), item, context, codes);
    if (!accepted && !api && targeted) api = asList(subscriber.api_products).length > 0;
    if (accepted || api || targeted) routes.push({ subscriber, codes: [...new Set(codes)], api });
  }
  return routes;
}

/** Whether one of `productIds` takes `item`; the codes of those that do are added to `codes`. */
function takenBy(productIds: unknown[], item: Doc, context: RoutingContext, codes: string[]) {
  let taken = false;
  for (const productId of productIds) {
    const product = context.products.get(String(productId));
    if (!product || !productTakes(product, item, context.filters)) continue;
    codes.push(...codesOf(product));
    taken = true;
  }
  return taken;
}

/**
 * Whether `product` takes `item`: its geo restriction suits the item's target regions and its
 * content filter lets the item through (Superdesk's `product_tests`).
 */
export function productTakes(product: Doc, item: Doc, filters: FilterSet): boolean {
  return productTargets(product, item) && productFilter(product, item, filters);
}

/** Superdesk's `conforms_subscriber_targets`: may it go, and is the subscriber named? */
function subscriberTargets(subscriber: Doc, item: Doc): { conforms: boolean; targeted: boolean } {
  const bySubscriber = asList(item.target_subscribers) as Doc[];
  const byType = asList(item.target_types) as Doc[];
  if (bySubscriber.length === 0 && byType.length === 0) return { conforms: true, targeted: false };
  if (bySubscriber.some((target) => String(target?._id) === String(subscriber._id))) {
    return { conforms: true, targeted: true };
  }
  const type = subscriber.subscriber_type;
  if (type) {
    for (const target of byType) {
      if (target.qcode === type && target.allow !== false) {
        return { conforms: true, targeted: false };
      }
      if (target.qcode !== type && target.allow === false) {
        return { conforms: true, targeted: false };
      }
    }
  }
  if (asList(item.target_regions).length > 0) return { conforms: true, targeted: false };
  return { conforms: false, targeted: false };
}

/** Superdesk's `conforms_product_targets`: the product's geo restriction and target regions. */
function productTargets(product: Doc, item: Doc): boolean {
  const restriction = product.geo_restrictions;
  const regions = asList(item.target_regions) as Doc[];
  if (regions.length === 0) return restriction === undefined || restriction === null;
  if (!restriction) return false;
  return regions.some((region) => {
    // Only unvalidated data lacks it; Superdesk's KeyError fails the enqueue with this message.
    if (!region || !("qcode" in region)) {
      throw new Error("400: Key is missing on article to be published: 'qcode'");
    }
    return (region.qcode === restriction && region.allow !== false) ||
      (region.qcode !== restriction && region.allow === false);
  });
}

/** Superdesk's `conforms_content_filter`: permitting filters must match, blocking must not. */
function productFilter(product: Doc, item: Doc, filters: FilterSet): boolean {
  const setting = product.content_filter as Doc | undefined | null;
  if (!setting || !setting.filter_id) return true;
  const matches = matchesContentFilter(
    filters.contentFilters.get(String(setting.filter_id)),
    item,
    filters,
  );
  return matches ? setting.filter_type === "permitting" : setting.filter_type !== "permitting";
}

/** `codes: "a, b"` as `["a", "b"]`. */
export function codesOf(doc: Doc): string[] {
  if (typeof doc.codes !== "string") return [];
  return doc.codes.split(",").map((code) => code.trim()).filter(Boolean);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
