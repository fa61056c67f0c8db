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
import { elasticReason, elasticStatus, isUnavailable } from "./elastic_errors.ts";
import { foldedDoc } from "./elastic_folding.ts";

/** One bulk action line (`index`, `create` or `delete`) followed, except for delete, by a doc. */
export type BulkLine = Record<string, unknown>;

/**
 * Action and source lines writing `docs` of `resource` to each alias of `targets` in turn: `_id`
 * moves to the action, `_resource` joins the source, and `require_alias` keeps a missing alias
 * from auto-creating an index. A versioned document (`searchVersion`) is an `index` with
 * external versioning, so the engine keeps the newest copy; a `copy` of an unversioned one is a
 * `create`, which never replaces what a live write put there. Each document's index copy
 * (`foldedDoc`) is made once, whatever the number of targets: `foldedDoc` takes the stored
 * document, never a copy it made (that copy's `_exact` would hold folded values).
 */
export function docLines(
  resource: string,
  docs: SearchDoc[],
  targets: readonly string[],
  { copy = false, folded = [] }: { copy?: boolean; folded?: readonly string[] } = {},
): BulkLine[] {
  const sources = docs.map(({ _id: _, ...rest }) => ({
    version: searchVersion(rest),
    source: { ...foldedDoc(rest, folded), _resource: resource },
  }));
  const lines: BulkLine[] = [];
  for (const target of targets) {
    docs.forEach(({ _id }, i) => {
      const { version, source } = sources[i]!;
      const action = version === undefined
        ? { [copy ? "create" : "index"]: { _index: target, _id, require_alias: true } }
        : {
          index: {
            _index: target,
            _id,
            require_alias: true,
            version,
            version_type: "external_gte",
          },
        };
      lines.push(action, source);
    });
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
    if (elasticStatus(error) === 413) {
      return await sendHalves(client, resource, lines, { refresh, optionalAlias, ids }, error);
    }
    throw transportWriteError(resource, ids, error);
  }
  if (!response.errors) return;
  const failures: WriteFailure[] = [];
  for (const entry of response.items) {
    const [op, item] = Object.entries(entry)[0] as [string, BulkItem];
    if (!item.error || harmless(op, item, optionalAlias)) continue;
    const failure: WriteFailure = {
      _id: item._id ?? "",
      reason: item.error.reason ?? item.error.type ?? "",
    };
    if (refusedForGood(item)) failure.permanent = true;
    failures.push(failure);
  }
  if (failures.length) throw new SearchIndexWriteError(resource, failures);
}

/**
 * The `SearchIndexWriteError` of a write whose request to the engine failed as a whole (`error`
 * from the client, before any item was answered): every id fails with the engine's reason, as
 * unavailable when the engine could not be reached, so write breakers count it.
 */
export function transportWriteError(
  resource: string,
  ids: string[],
  error: unknown,
): SearchIndexWriteError {
  const reason = elasticReason(error);
  return new SearchIndexWriteError(resource, ids.map((_id) => ({ _id, reason })), {
    unavailable: isUnavailable(error),
    cause: error,
  });
}

/**
 * A bulk over the engine's request size limit (413): sent again in halves, split between
 * documents, so only a document too large by itself is refused (for good).
 */
async function sendHalves(
  client: Client,
  resource: string,
  lines: BulkLine[],
  options: { refresh: RefreshPolicy; optionalAlias?: string; ids: string[] },
  error: unknown,
): Promise<void> {
  // Operations as [id, lines]: a delete is one line, index and create carry their source.
  const ops: Array<[string, BulkLine[]]> = [];
  for (let i = 0; i < lines.length;) {
    const [kind, meta] = Object.entries(lines[i]!)[0] as [string, { _id?: string }];
    const size = kind === "delete" ? 1 : 2;
    ops.push([String(meta._id ?? ""), lines.slice(i, i + size)]);
    i += size;
  }
  const docIds = [...new Set(ops.map(([id]) => id))];
  if (docIds.length <= 1) {
    const reason = `document too large for the engine: ${elasticReason(error)}`;
    throw new SearchIndexWriteError(
      resource,
      options.ids.map((_id) => ({ _id, reason, permanent: true })),
    );
  }
  // Halves by document id, so the live and rebuild copies of one document stay together.
  const first = new Set(docIds.slice(0, Math.ceil(docIds.length / 2)));
  const halves: BulkLine[][] = [[], []];
  for (const [id, opLines] of ops) halves[first.has(id) ? 0 : 1]!.push(...opLines);
  const failures: WriteFailure[] = [];
  for (const [half, keep] of [[halves[0]!, true], [halves[1]!, false]] as const) {
    const halfIds = options.ids.filter((id) => first.has(id) === keep);
    try {
      await sendBulk(client, resource, half, { ...options, ids: halfIds });
    } catch (failure) {
      if (!(failure instanceof SearchIndexWriteError)) throw failure;
      failures.push(...failure.failures);
    }
  }
  if (failures.length) throw new SearchIndexWriteError(resource, failures);
}

/**
 * A document the engine cannot take as it is: a 400 on the item (mapping conflict, unparsable
 * value, immense term) or a 413. Missing indexes and aliases, overload (429) and server errors
 * may pass.
 */
function refusedForGood(item: BulkItem): boolean {
  const type = item.error?.type ?? "";
  if (type === "index_not_found_exception" || type.includes("alias")) return false;
  return item.status === 400 || item.status === 413;
}

/** A conflict means a newer copy (or, for a `create`, any live copy) is already there. */
function harmless(op: string, item: BulkItem, optionalAlias: string | undefined): boolean {
  const type = item.error?.type;
  if (item._index === optionalAlias && type === "index_not_found_exception") return true;
  return op !== "delete" && type === "version_conflict_engine_exception";
}
