/**
 * What the Elasticsearch index knows of each resource's index: its folded and default text
 * fields (`FoldedLayout`, `elastic_folding.ts`), from the mapping this process ensures or
 * rebuilds with, else from the one the live index records, asked once per resource (a process
 * that ensures no index, as task threads, asks before its first search or write of each
 * resource, so a failure to ask is mapped as that call's own would be).
 *
 * A resource without an index is remembered too (`NO_INDEX`), so searching it asks nothing more.
 * Another process may create the index at any time, so that absence is trusted only where its
 * being stale shows: by a search of such resources alone, which then finds some shard answered
 * or is refused (a sort on a sub-field the folded index moved; `elastic_search_index.ts` asks
 * again and searches again). A search naming others as well, and every write (which would write
 * the new index without folding), ask again first; a write finding no index is not sent.
 */
import type { Client } from "@elastic/elasticsearch";
import type { Logger } from "../../log.ts";
import type { IndexMapping } from "../mapping.ts";
import { SearchIndexWriteError } from "../search_index.ts";
import { transportWriteError } from "./elastic_bulk.ts";
import {
  elasticReason,
  elasticStatus,
  searchStatusError,
  toSearchError,
} from "./elastic_errors.ts";
import { type FoldedLayout, foldedLayout } from "./elastic_folding.ts";
import { recordedMapping } from "./elastic_indices.ts";

/** The layout of a resource that has no index. */
export const NO_INDEX: FoldedLayout = Object.freeze({ folded: [], text: [] });

/** The layouts of the resources of one Elasticsearch index (see the module doc). */
export interface ResourceLayouts {
  /** Sets `resource`'s layout from the mapping its index is ensured or rebuilt with. */
  set(resource: string, mapping: IndexMapping): void;
  /** Forgets `resource`'s layout (its index was dropped). */
  forget(resource: string): void;
  /**
   * The layouts a search of `resources` uses: remembered absences trusted only when every one
   * of `resources` is one, or not at all with `fresh`. A failure to ask is a 503 (unreachable)
   * or the engine's status, as the search's own.
   */
  forSearch(resources: string[], options?: { fresh?: boolean }): Promise<FoldedLayout[]>;
  /**
   * The folded fields a write of `ids` uses, asked afresh when remembered absent. A resource
   * without an index fails them all, as the write's `require_alias` would, without sending it:
   * an index another process creates meanwhile would take the documents unfolded. A failure to
   * ask fails them all (`unavailable`).
   */
  forWrite(resource: string, ids: string[]): Promise<readonly string[]>;
}

/** The layouts of `client`'s indexes, whose aliases `aliasOf` names. */
export function resourceLayouts(
  client: Client,
  aliasOf: (resource: string) => string,
  log?: Logger,
): ResourceLayouts {
  const known = new Map<string, FoldedLayout>();
  async function layout(resource: string, fresh: boolean): Promise<FoldedLayout> {
    let fields = known.get(resource);
    if (!fields || (fresh && fields === NO_INDEX)) {
      const mapping = await recordedMapping(client, aliasOf(resource));
      // An index made before mappings were recorded (null) folds nothing.
      fields = mapping === undefined ? NO_INDEX : foldedLayout(mapping ?? { properties: {} });
      known.set(resource, fields);
    }
    return fields;
  }
  return {
    set: (resource, mapping) => known.set(resource, foldedLayout(mapping)),
    forget: (resource) => known.delete(resource),
    forSearch(resources, { fresh = false } = {}) {
      const trusted = !fresh && resources.every((r) => known.get(r) === NO_INDEX);
      return Promise.all(resources.map((resource) =>
        layout(resource, !trusted).catch((error) => {
          const status = elasticStatus(error);
          throw status === undefined
            ? toSearchError(error)
            : searchStatusError(status, elasticReason(error), { log });
        })
      ));
    },
    async forWrite(resource, ids) {
      const fields = await layout(resource, true).catch((error) => {
        throw transportWriteError(resource, ids, error);
      });
      if (fields === NO_INDEX) {
        const reason = `no such index [${aliasOf(resource)}]`;
        throw new SearchIndexWriteError(resource, ids.map((_id) => ({ _id, reason })));
      }
      return fields.folded;
    },
  };
}
