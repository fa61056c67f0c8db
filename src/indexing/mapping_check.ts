/**
 * Whether the live search indexes have the mappings this version expects. A server must not
 * start on an index with another mapping (its queries would answer wrongly), so `serve` refuses
 * and names the command that fixes it: `superdesk index:rebuild <resource>` (a new index with
 * the current mapping, then an alias swap, with no downtime). An index that does not exist yet
 * is fine (it is created), and an engine that cannot be reached is left to `/ready`.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { mappingDifference } from "../search/mapping.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { resourceMapping, searchBackedDefinitions } from "./resource_mapping.ts";

/** A live index whose mapping differs from the expected one. */
export interface MappingMismatch {
  resource: string;
  index: string | undefined;
  why: string;
}

/** The search-backed resources whose live index has another mapping. */
export async function mappingMismatches(
  registry: ResourceRegistry,
  search: SearchIndex,
  { log }: { log: Logger },
): Promise<MappingMismatch[]> {
  const out: MappingMismatch[] = [];
  for (const definition of searchBackedDefinitions(registry)) {
    let live;
    try {
      live = await search.liveMapping(definition.name);
    } catch (error) {
      log.warn("could not read the search index mapping; not checked", {
        resource: definition.name,
        error,
      });
      continue;
    }
    if (live === undefined) continue;
    const why = mappingDifference(live, resourceMapping(definition));
    if (why) {
      out.push({
        resource: definition.name,
        index: await search.currentIndex(definition.name),
        why,
      });
    }
  }
  return out;
}

/** What to tell an operator about one mismatch. */
export function mismatchMessage({ resource, index, why }: MappingMismatch): string {
  // A new index format concerns every search index: one command rebuilds them all.
  const all = why.includes("index format")
    ? " An index format change concerns every search index made before: " +
      "`superdesk index:rebuild` (no resource) rebuilds them all."
    : "";
  return `The search index of "${resource}" (${index}) has another mapping than this version ` +
    `expects: ${why}. Run \`superdesk index:rebuild ${resource}\` (it builds a new index and ` +
    `swaps the alias, with no downtime), then start again.${all}`;
}
