/**
 * Prepopulate's erase (Superdesk's `clean_dbs`): every task no worker runs now, every entry of
 * every search-backed resource's index, then every document of every collection, indexes and
 * index mappings kept. The sessions that existed are announced as ended on the bus, so every
 * process's cached authenticator forgets them. Runs under the reset gate (`reset_gate.ts`).
 */
import { SESSION_END_EVENT } from "../notify/session_end_event.ts";
import type { ServiceContext } from "../resources/service_context.ts";

/** Search entries removed per request. */
const REMOVE_BATCH = 500;

/** What an erase removed. */
export interface EraseResult {
  /** Tasks deleted from the queue (ready, delayed, dead). */
  tasks: number;
  /** Search entries removed, all resources together. */
  searchEntries: number;
  /** Collections emptied. */
  collections: number;
}

/** Erases the data of the deployment `ctx` runs on. */
export async function eraseData(
  ctx: Pick<ServiceContext, "documents" | "search" | "queue" | "registry" | "notify">,
): Promise<EraseResult> {
  const { documents, search, queue, registry } = ctx;
  const sessions = await sessionsToEnd(ctx);
  const tasks = await queue.purgeWaiting();
  let searchEntries = 0;
  for (const definition of registry.definitions()) {
    if (!definition.searchBacked) continue;
    // Listed first, removed after: a scan's pages must not shift under its own deletes.
    const ids: string[] = [];
    for await (const batch of search.scanVersions(definition.name)) {
      ids.push(...batch.map((version) => version._id));
    }
    for (let start = 0; start < ids.length; start += REMOVE_BATCH) {
      const batch = ids.slice(start, start + REMOVE_BATCH);
      await search.remove(definition.name, batch, { refresh: "wait_for" });
    }
    searchEntries += ids.length;
  }
  const names = await documents.collectionNames();
  for (const name of names) await documents.collection(name).drop();
  for (const session of sessions) {
    await ctx.notify(SESSION_END_EVENT, session, {
      filters: { include: { user: [String(session.user)] } },
    });
  }
  return { tasks, searchEntries, collections: names.length };
}

async function sessionsToEnd(
  { registry, documents }: Pick<ServiceContext, "registry" | "documents">,
) {
  if (!registry.has("sessions")) return [];
  const source = registry.service("sessions").definition.datasource.source;
  const found = await documents.collection(source).find({}, { projection: { _id: 1, user: 1 } });
  return found.map((session) => ({ session: session._id, user: session.user }));
}
