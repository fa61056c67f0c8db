/**
 * Saved searches (Superdesk's `SavedSearchesService`): the owner is the creator; a search needs
 * a `filter.query`; users list their own searches and the global ones; only the owner changes a
 * personal search, and another user's global one needs `global_saved_searches`, as does making
 * a search global; report subscriptions need `saved_searches_subscriptions` (and `..._admin`
 * for other users'). The filter is stored as JSON text, as Superdesk stores it (its keys may be
 * anything). `AllSavedSearchesService` is monitoring's view: own searches, global ones with
 * `use_global_saved_searches`, everything for administrators. Pushes `savedsearch:update`.
 */
import { BadRequestError, ForbiddenError } from "../errors.ts";
import { type Actor, hasPrivilege, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import {
  GLOBAL_SAVED_SEARCHES_PRIVILEGE,
  SAVED_SEARCHES_SUBSCRIPTIONS_ADMIN_PRIVILEGE as SUBSCRIPTIONS_ADMIN_PRIVILEGE,
  SAVED_SEARCHES_SUBSCRIPTIONS_PRIVILEGE as SUBSCRIPTIONS_PRIVILEGE,
  USE_GLOBAL_SAVED_SEARCHES_PRIVILEGE,
} from "./privileges.ts";

/** Decodes the stored filter of each document (in place). */
function decodeFilters(docs: Doc[]): void {
  for (const doc of docs) {
    if (typeof doc.filter !== "string") continue;
    try {
      doc.filter = JSON.parse(doc.filter);
    } catch {
      doc.filter = {};
    }
  }
}

export class SavedSearchesService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    const docs = await super.create(inputs, actor);
    decodeFilters(docs);
    return docs;
  }

  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    const doc = await super.update(id, input, options);
    decodeFilters([doc]);
    return doc;
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    return actor.kind === "system" ? undefined : ownAndGlobal(actor);
  }

  protected override onFetched(docs: Doc[]) {
    decodeFilters(docs);
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      if (actor.kind === "user") doc.user = actor.userId;
      if ("subscribers" in doc) {
        throw new ForbiddenError("User's subscriptions are not allowed on create");
      }
      doc.is_global ??= false;
      doc.shortcut ??= false;
      if (doc.is_global) {
        assertMay(actor, GLOBAL_SAVED_SEARCHES_PRIVILEGE, "create a global search");
      }
      doc.filter = encodeFilter(doc.filter);
    }
    await this.ctx.notify("savedsearch:update", {});
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    assertOwner(original, actor);
    if (updates.is_global === true && original.is_global !== true) {
      assertMay(actor, GLOBAL_SAVED_SEARCHES_PRIVILEGE, "make a search global");
    }
    if ("filter" in updates) updates.filter = encodeFilter(updates.filter);
    if (updates.subscribers) assertSubscriptions(updates.subscribers as Doc, original, actor);
    await this.ctx.notify("savedsearch:update", {});
  }

  protected override onDelete(doc: Doc, actor: Actor) {
    assertOwner(doc, actor);
  }

  protected override async onDeleted() {
    await this.ctx.notify("savedsearch:update", {});
  }
}

/** Monitoring's list of saved searches. */
export class AllSavedSearchesService extends ResourceService {
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    return actor.kind === "system" || actor.isAdmin ? undefined : ownAndGlobal(actor);
  }

  protected override onFetched(docs: Doc[]) {
    decodeFilters(docs);
  }
}

/** `actor`'s own searches, and the global ones when they may use them. */
function ownAndGlobal(actor: Actor): Filter {
  const own: Filter = { user: actor.userId ?? null };
  return hasPrivilege(actor, USE_GLOBAL_SAVED_SEARCHES_PRIVILEGE)
    ? { $or: [own, { is_global: true }] }
    : own;
}

/** The filter as stored: JSON text; a filter without a `query` object is refused. */
function encodeFilter(filter: unknown): string {
  const query = (filter as Doc | null)?.query;
  if (!query || typeof query !== "object" || Array.isArray(query)) {
    throw new BadRequestError("Search cannot be saved without a filter!");
  }
  return JSON.stringify(filter);
}

/** Another user's personal search is theirs alone; their global one needs the privilege. */
function assertOwner(search: Doc, actor: Actor) {
  if (actor.kind === "system" || search.user === actor.userId) return;
  if (!search.is_global) {
    throw new ForbiddenError("Unauthorized to modify other user's local search.");
  }
  if (!hasPrivilege(actor, GLOBAL_SAVED_SEARCHES_PRIVILEGE)) {
    throw new ForbiddenError("Unauthorized to modify global search.");
  }
}

/** Subscribing needs its privilege; changing other users' subscriptions the admin one. */
function assertSubscriptions(subscribers: Doc, original: Doc, actor: Actor) {
  if (actor.kind === "system") return;
  assertMay(actor, SUBSCRIPTIONS_PRIVILEGE, "modify subscriptions");
  const pairs = (value: unknown) =>
    new Set(
      (Array.isArray(value) ? value as Doc[] : []).map((s) => `${s.user}\u0000${s.scheduling}`),
    );
  const before = pairs((original.subscribers as Doc | undefined)?.user_subscriptions);
  const after = pairs(subscribers.user_subscriptions);
  const changedUsers = new Set<string>();
  for (const pair of after) if (!before.has(pair)) changedUsers.add(pair.split("\u0000")[0]!);
  for (const pair of before) if (!after.has(pair)) changedUsers.add(pair.split("\u0000")[0]!);
  changedUsers.delete(String(actor.userId));
  if (changedUsers.size > 0 && !hasPrivilege(actor, SUBSCRIPTIONS_ADMIN_PRIVILEGE)) {
    throw new ForbiddenError("Unauthorized to modify other users' subscriptions.");
  }
}

function assertMay(actor: Actor, privilege: string, what: string) {
  if (actor.kind === "user" && !hasPrivilege(actor, privilege)) {
    throw new ForbiddenError(`Insufficient privileges to ${what}: "${privilege}" is required`, {
      issues: { privilege },
    });
  }
}
