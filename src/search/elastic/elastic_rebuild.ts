/**
 * Rebuilds in Elasticsearch. `openElasticRebuild` creates `{alias}_{n+1}` behind the
 * `{alias}.rebuild` alias (which every live write also targets, see `search_index.ts`);
 * `write()` copies with external versions (`create` for unversioned documents) so a copy never
 * overwrites a newer live write; `finish()` refreshes, moves the alias in one `_aliases` call
 * and deletes the old index.
 */
import type { Client } from "@elastic/elasticsearch";
import { ConflictError } from "../../errors.ts";
import { foldedFields, type IndexMapping } from "../mapping.ts";
import type { Rebuild } from "../search_index.ts";
import { docLines, sendBulk } from "./elastic_bulk.ts";
import { elasticErrorType } from "./elastic_errors.ts";
import { aliasTargets, createIndex, indexNumber, type IndexSettings } from "./elastic_indices.ts";

/** What a rebuild needs to know. */
export interface RebuildOptions {
  client: Client;
  resource: string;
  alias: string;
  rebuildAlias: string;
  mapping: IndexMapping;
  settings: IndexSettings;
  /** Drop a rebuild left open instead of answering `ConflictError`. */
  replace: boolean;
  /** Creates the live index when there is none. */
  ensureLive: () => Promise<void>;
}

/** Opens a rebuild; see the module doc. */
export async function openElasticRebuild(options: RebuildOptions): Promise<Rebuild> {
  const { client, resource, alias, rebuildAlias, mapping, settings } = options;
  const pending = await aliasTargets(client, rebuildAlias);
  if (pending.length && !options.replace) {
    throw new ConflictError(
      `A rebuild of "${resource}" is already open (${pending.join(", ")}); finish or replace it`,
    );
  }
  for (const index of pending) await client.indices.delete({ index });
  await options.ensureLive();
  const [current] = await aliasTargets(client, alias);
  const target = `${alias}_${current ? indexNumber(current) + 1 : 1}`;
  const folded = foldedFields(mapping);
  try {
    await createIndex(client, { index: target, mapping, alias: rebuildAlias, settings });
  } catch (error) {
    if (elasticErrorType(error) === "resource_already_exists_exception") {
      throw new ConflictError(`A rebuild of "${resource}" is already running (${target})`);
    }
    throw error;
  }
  return {
    target,
    async write(docs) {
      if (!docs.length) return;
      const lines = docLines(resource, docs, [rebuildAlias], { copy: true, folded });
      await sendBulk(client, resource, lines, { refresh: "false", ids: docs.map((d) => d._id) });
    },
    async finish() {
      await client.indices.refresh({ index: target });
      const actions = [
        ...(current ? [{ remove: { index: current, alias } }] : []),
        { add: { index: target, alias } },
        { remove: { index: target, alias: rebuildAlias } },
      ];
      await client.indices.updateAliases({ actions });
      if (current) await client.indices.delete({ index: current });
    },
    async abort() {
      await client.indices.delete({ index: target });
    },
  };
}
