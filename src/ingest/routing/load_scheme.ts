/** Loading a provider's routing scheme with the content filters its rules use. */
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { Doc } from "../../storage/document_store.ts";
import type { ContentFiltersService } from "../../publish/content_filters_service.ts";
import type { LoadedScheme } from "./apply_routing.ts";

/** The provider's scheme, or undefined when it has none (or it was deleted). */
export async function loadScheme(
  registry: ResourceRegistry,
  provider: Doc,
): Promise<LoadedScheme | undefined> {
  if (!provider.routing_scheme) return undefined;
  const scheme = await registry.service("routing_schemes").findOne({
    _id: provider.routing_scheme,
  });
  if (!scheme) return undefined;
  const filters = await registry.service<ContentFiltersService>("content_filters").filterSet();
  return { scheme, filters };
}
