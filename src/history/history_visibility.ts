/**
 * Who reads whose history: a record tells what an item held (a creation records the whole item),
 * so a user reads the history of the items they may open (`archive_visibility.ts`), where
 * Superdesk lets anyone read any. The web client always asks for one item's records
 * (`where={"item_id": <id>}`); a query that names no item ids shows the reader's own records.
 * Administrators read everything.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Filter } from "../storage/document_store.ts";

/** Most item ids a query may name for their visibility to be checked one by one. */
const MAX_NAMED = 200;

/** The condition `actor`'s reads of history with `filter` are limited by; none for admins. */
export async function historyScope(
  registry: ResourceRegistry,
  actor: Actor,
  filter: Filter | undefined,
): Promise<Filter | undefined> {
  if (actor.kind === "system" || actor.isAdmin) return undefined;
  const named = namedItemIds(filter);
  if (named === undefined || named.length > MAX_NAMED) return { user_id: actor.userId ?? null };
  const archive = registry.service("archive");
  const visible: string[] = [];
  for (const id of new Set(named)) {
    if (await archive.findOne({ _id: id }, actor, { projection: { _id: 1 } })) visible.push(id);
  }
  return { item_id: { $in: visible } };
}

/** The item ids a filter pins `item_id` to (equality or `$in`, alone or in an `$and`). */
function namedItemIds(filter: Filter | undefined): string[] | undefined {
  if (!filter || typeof filter !== "object") return undefined;
  const value = (filter as Record<string, unknown>).item_id;
  if (typeof value === "string") return [value];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const list = (value as Record<string, unknown>).$in;
    if (Array.isArray(list) && list.every((id) => typeof id === "string")) return list;
  }
  const all = (filter as Record<string, unknown>).$and;
  if (Array.isArray(all)) {
    for (const part of all) {
      const ids = namedItemIds(part as Filter);
      if (ids) return ids;
    }
  }
  return undefined;
}
