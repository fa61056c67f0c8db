/**
 * Bulk writes for the Elasticsearch index, with the per-item outcome rules of the rebuild
 * protocol: operations aimed at the rebuild alias fail harmlessly when no rebuild is open
 * (`require_alias`), a copy older than the one held (or a rebuild copy that finds a live one)
 * gets a harmless conflict, and deleting an absent document is not an error. Everything else is
 * a `WriteFailure`.
 */
import type { Client } from "@elastic/elasticsearch";
import {
  type RefreshPolicy,
  type SearchDoc,
  SearchIndexWriteError,
  searchVersion,
  type WriteFailure,
} from "../search_index.ts";
import { elasticReason, isUnavailable } from "./elastic_errors.ts";

/** One bulk action line (`index`, `create` or `delete`) followed, except for delete, by a doc. */
export type BulkLine = Record<string, unknown>;

/**
 * Action and source lines writing `docs` of `resource` to the alias `target`: `_id` moves to
 * the action, `_resource` joins the source, and `require_alias` keeps a missing alias from
 * auto-creating an index. A versioned document (`searchVersion`) is an `index` with external
 * versioning, so the engine keeps the newest copy; a `copy` of an unversioned one is a `create`,
 * which never replaces what a live write put there.
 */
export function docLines(
  resource: string,
  docs: SearchDoc[],
  target: string,
  { copy = false }: { copy?: boolean } = {},
): BulkLine[] {
  const lines: BulkLine[] = [];
  for (const { _id, ...rest } of docs) {
    const version = searchVersion(rest);
    const action = version === undefined
      ? { [copy ? "create" : "index"]: { _index: target, _id, require_alias: true } }
      : {
        index: { _index: target, _id, require_alias: true, version, version_type: "external_gte" },
      };
    lines.push(action, { ...rest, _resource: resource });
  }
  return lines;
}

interface BulkItem {
  _index?: string;
  _id?: string;
  status?: number;
  error?: { type?: string; reason?: string };
}

/** Sends `lines`; throws `SearchIndexWriteError` naming the items that really failed. */
export async function sendBulk(
  client: Client,
  resource: string,
  lines: BulkLine[],
  { refresh, optionalAlias, ids }: {
    refresh: RefreshPolicy;
    /** An alias whose absence is expected (the rebuild alias when no rebuild is open). */
    optionalAlias?: string;
    /** Every id of the call, so a transport failure can name them all. */
    ids: string[];
  },
): Promise<void> {
  let response;
  try {
    response = await client.bulk({
      operations: lines,
      refresh: refresh === "wait_for" ? "wait_for" : refresh === "true",
    });
  } catch (error) {
    const reason = elasticReason(error);
    throw new SearchIndexWriteError(resource, ids.map((_id) => ({ _id, reason })), {
      unavailable: isUnavailable(error),
      cause: error,
    });
  }
  if (!response.errors) return;
  const failures: WriteFailure[] = [];
  for (const entry of response.items) {
    const [op, item] = Object.entries(entry)[0] as [string, BulkItem];
    if (!item.error || harmless(op, item, optionalAlias)) continue;
    failures.push({ _id: item._id ?? "", reason: item.error.reason ?? item.error.type ?? "" });
  }
  if (failures.length) throw new SearchIndexWriteError(resource, failures);
}

/** A conflict means a newer copy (or, for a `create`, any live copy) is already there. */
function harmless(op: string, item: BulkItem, optionalAlias: string | undefined): boolean {
  const type = item.error?.type;
  if (item._index === optionalAlias && type === "index_not_found_exception") return true;
  return op !== "delete" && type === "version_conflict_engine_exception";
}
