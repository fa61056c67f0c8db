/**
 * Who sees which content (Superdesk's `private_content_filter`, stricter as issue 7 asks): a
 * user sees the items on the desks they are a member of and their own personal items (no desk);
 * with the see-all privilege also every desk's items, except on stages hidden from non-members.
 */
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Filter } from "../storage/document_store.ts";
import type { DesksService } from "./desks_service.ts";
import { SEE_ALL_PRIVILEGE } from "./privileges.ts";

/** What one user may see, resolved once per read. */
export interface VisibilityScope {
  userId: string;
  deskIds: string[];
  seeAll: boolean;
  /** Invisible stages of desks the user is not a member of. */
  hiddenStageIds: string[];
}

/** Resolves `actor`'s desks and hidden stages. */
export async function visibilityScope(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<VisibilityScope> {
  const userId = actor.userId ?? "";
  const deskIds = userId ? await registry.service<DesksService>("desks").memberDeskIds(userId) : [];
  const seeAll = hasPrivilege(actor, SEE_ALL_PRIVILEGE);
  let hiddenStageIds: string[] = [];
  if (seeAll) {
    const hidden = await registry.service("stages").find({
      filter: { is_visible: false, desk: { $nin: deskIds } },
      page: 1,
      maxResults: 1000,
      projection: { _id: 1 },
      skipCount: true,
    });
    hiddenStageIds = hidden.items.map((stage) => String(stage._id));
  }
  return { userId, deskIds, seeAll, hiddenStageIds };
}

/** The filter of the items `scope` may see. */
export function visibleItemsFilter(scope: VisibilityScope | undefined): Filter {
  const personal: Filter = { "task.desk": null, original_creator: scope?.userId ?? "\u0000" };
  if (!scope) return personal;
  const branches: Filter[] = [personal];
  if (scope.seeAll) {
    const anyDesk: Filter = { "task.desk": { $ne: null } };
    branches.push(
      scope.hiddenStageIds.length > 0
        ? { $and: [anyDesk, { "task.stage": { $nin: scope.hiddenStageIds } }] }
        : anyDesk,
    );
  }
  if (scope.deskIds.length > 0) branches.push({ "task.desk": { $in: scope.deskIds } });
  return { $or: branches };
}

/**
 * Scopes resolved once per read: `scoped(actor)` returns a copy of the actor that `scopeOf`
 * knows, so a service's synchronous visibility filter can read the scope its async read
 * resolved. The system actor has no scope (it sees everything).
 */
export class VisibilityScopes {
  #scopes = new WeakMap<Actor, VisibilityScope>();
  #registry: ResourceRegistry;

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  /** `actor` carrying its resolved scope. */
  async scoped(actor: Actor): Promise<Actor> {
    if (actor.kind === "system" || this.#scopes.has(actor)) return actor;
    const scoped: Actor = { ...actor };
    this.#scopes.set(scoped, await visibilityScope(this.#registry, actor));
    return scoped;
  }

  /** The scope `scoped` resolved for `actor`, if any. */
  scopeOf(actor: Actor): VisibilityScope | undefined {
    return this.#scopes.get(actor);
  }
}
