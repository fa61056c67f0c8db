/** Loading a provider's routing scheme with every content filter its rules use. */
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { Doc } from "../../storage/document_store.ts";
import { loadFilterGraph } from "../../content_filters/filter_graph.ts";
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
  const rules = Array.isArray(scheme.rules) ? scheme.rules as Doc[] : [];
  const ids = rules.map((rule) => rule.filter).filter((id): id is string => typeof id === "string");
  return { scheme, graph: await loadFilterGraph(registry, ids) };
}
