/**
 * Creates the index (alias and first concrete index) of every search-backed resource at start.
 * An unreachable engine does not stop the start, nor does a silent one hold it for long (the
 * wait is bounded): the failed writes go to the outbox, whose drain creates the index before
 * retrying.
 */
import { TIMED_OUT, within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { resourceMapping, searchBackedDefinitions } from "./resource_mapping.ts";

/** Ensures every search-backed resource's index; logs (does not throw) when it cannot. */
export async function ensureSearchIndexes(
  registry: ResourceRegistry,
  search: SearchIndex,
  { log, timeoutMs = 5_000 }: { log: Logger; timeoutMs?: number },
): Promise<void> {
  const all = Promise.all(
    searchBackedDefinitions(registry).map(async (definition) => {
      try {
        await search.ensureIndex(definition.name, resourceMapping(definition));
      } catch (error) {
        log.warn("could not create the search index now; it is created on first retry", {
          resource: definition.name,
          error,
        });
      }
    }),
  );
  if (await within(all, timeoutMs) === TIMED_OUT) {
    log.warn("search indexes not ensured in time; starting anyway", { timeoutMs });
  }
}
