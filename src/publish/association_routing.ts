/**
 * Which of a story's subscribers get each of its associations (Superdesk's
 * `EnqueueService._filter_subscribers_for_associations`): an association's item goes to those
 * of the story's subscribers whose products or api products take it, and to those that had it
 * with an earlier version of the story (the `associated_items` of their queue entries). Each
 * association of the copy then names them in `subscribers` (the content API keeps them, and its
 * consumers see only the associations sent to them), and each queue entry names the
 * associations its subscriber gets. A resend sends every association to every subscriber it
 * resends to (`_resend_associations_to_subscribers`).
 */
import { type Doc, isDoc } from "../storage/document_store.ts";
import { type Route, routeItem, type RoutingContext } from "./subscriber_routing.ts";

/**
 * Sets each association's `subscribers` among `routes` (all of them without `context`: a
 * resend); a route's `associated` names the associations its subscriber had.
 */
export function routeAssociations(
  copy: Doc,
  routes: readonly Route[],
  context?: RoutingContext,
): void {
  if (!isDoc(copy.associations) || routes.length === 0) return;
  const subscribers = routes.map((route) => route.subscriber);
  const associations: Doc = {};
  for (const [key, association] of Object.entries(copy.associations)) {
    if (!isDoc(association)) {
      associations[key] = association;
      continue;
    }
    const taking = context ? routeItem(association, subscribers, context) : routes;
    const ids = new Set(taking.map((route) => String(route.subscriber._id)));
    for (const route of routes) {
      if (route.associated?.has(String(association._id))) ids.add(String(route.subscriber._id));
    }
    associations[key] = { ...association, subscribers: [...ids] };
  }
  copy.associations = associations;
}

/** The ids of the associations of `copy` that go to `subscriberId` (`associated_items`). */
export function associatedItemsFor(copy: Doc, subscriberId: string): string[] {
  if (!isDoc(copy.associations)) return [];
  const ids = new Set<string>();
  for (const association of Object.values(copy.associations)) {
    if (!isDoc(association) || association._id === undefined) continue;
    const subscribers = Array.isArray(association.subscribers) ? association.subscribers : [];
    if (subscribers.map(String).includes(subscriberId)) ids.add(String(association._id));
  }
  return [...ids];
}
