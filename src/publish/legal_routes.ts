/**
 * Who received a story whose queue entries have moved to the legal archive (Superdesk's
 * `enqueue_archived_kill_item`): every subscriber of its `legal_publish_queue` entries
 * (`_subscriber_id`), active or not, with the codes they got, and through the content API those
 * that had it there (`api_enabled`). None without the legal archive.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { isContentApi } from "./content_api_delivery.ts";
import type { Route } from "./subscriber_routing.ts";

/** The routes to the subscribers the legal archive recorded for `itemId`. */
export async function legalRoutes(registry: ResourceRegistry, itemId: string): Promise<Route[]> {
  if (!registry.has("legal_publish_queue")) return [];
  const { items: entries } = await registry.service("legal_publish_queue").find({
    filter: { item_id: itemId },
    page: 1,
    maxResults: 10_000,
    skipCount: true,
  });
  const codes = new Map<string, string[]>();
  const api = new Set<string>();
  for (const entry of entries) {
    if (typeof entry._subscriber_id !== "string") continue;
    codes.set(entry._subscriber_id, (entry.codes as string[] | undefined) ?? []);
    if (isContentApi(entry.destination)) api.add(entry._subscriber_id);
  }
  if (codes.size === 0) return [];
  const { items: subscribers } = await registry.service("subscribers").find({
    filter: { _id: { $in: [...codes.keys()] } },
    page: 1,
    maxResults: codes.size,
    skipCount: true,
  });
  return subscribers.map((subscriber: Doc) => ({
    subscriber,
    codes: codes.get(String(subscriber._id))!,
    api: api.has(String(subscriber._id)),
  }));
}
