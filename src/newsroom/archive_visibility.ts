/**
 * Who sees which content (Superdesk's `private_content_filter`, stricter as issue 7 asks): a
 * user sees the items on the desks they are a member of, the items assigned to them on other
 * desks, and their own personal items (no desk; theirs when they created it, last saved it or
 * have it assigned); with the see-all privilege every desk's items but others' drafts (items never
 * saved since they were created), their own desks included, as Superdesk's; on the desks they are not a member of, never on stages
 * hidden from non-members. Administrators, who may act as any user anyway, also open any item by
 * id (as everyone may in Superdesk), but their lists are scoped like everyone's.
 */
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { sharedRead } from "../resources/shared_reads.ts";
import type { Filter } from "../storage/document_store.ts";
import type { DesksService } from "./desks_service.ts";
import type { StagesService } from "./stages_service.ts";
import { SEE_ALL_PRIVILEGE } from "./privileges.ts";

/** What one user may see, resolved once per read. */
export interface VisibilityScope {
  userId: string;
  deskIds: string[];
  seeAll: boolean;
  /** Invisible stages of desks the user is not a member of. */
  hiddenStageIds: string[];
  /** Others' drafts on desks count too (the desk overview's counts, as Superdesk's). */
  othersDrafts?: boolean;
}

/** The key of `visibilityScope`'s read among an operation's shared reads. */
const SCOPE_READ = Symbol("visibility scope");

/**
 * Resolves `actor`'s desks and hidden stages, once per operation that shares its reads
 * (`shared_reads.ts`: a search's archive scope and published/archived hidden stages).
 */
export function visibilityScope(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<VisibilityScope> {
  return sharedRead(actor, SCOPE_READ, () => readVisibilityScope(registry, actor));
}

async function readVisibilityScope(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<VisibilityScope> {
  const userId = actor.userId ?? "";
  // Both reads at once: the stages hidden from the user are the invisible ones whose desk is
  // not theirs, chosen here (as `desk $nin deskIds` would) rather than by a second query.
  const [deskIds, invisible] = await Promise.all([
    userId ? registry.service<DesksService>("desks").memberDeskIds(userId) : [],
    registry.service<StagesService>("stages").invisibleStages(),
  ]);
  const seeAll = hasPrivilege(actor, SEE_ALL_PRIVILEGE);
  const members = new Set<unknown>(deskIds);
  const hiddenStageIds = invisible.filter((stage) => !members.has(stage.desk)).map((s) => s._id);
  return { userId, deskIds, seeAll, hiddenStageIds };
}

/** The filter of the items `scope` may see (lists, and opening one item but for administrators). */
export function visibleItemsFilter(scope: VisibilityScope | undefined): Filter {
  const me = scope?.userId || "\u0000";
  const personal: Filter = {
    "task.desk": null,
    $or: [{ original_creator: me }, { version_creator: me }, { "task.user": me }],
  };
  if (!scope) return personal;
  const branches: Filter[] = [personal];
  const visibleStage = (branch: Filter): Filter =>
    scope.hiddenStageIds.length > 0
      ? { $and: [branch, { "task.stage": { $nin: scope.hiddenStageIds } }] }
      : branch;
  // Assigned to me on another desk: assigning work is a grant (Superdesk's `task.user` term).
  branches.push(visibleStage({ "task.desk": { $ne: null }, "task.user": me }));
  if (scope.seeAll) {
    // Every desk, theirs too, but others' drafts (Superdesk's global-search branch, which takes
    // the place of its desks branch).
    branches.push(visibleStage(
      scope.othersDrafts ? { "task.desk": { $ne: null } } : {
        "task.desk": { $ne: null },
        $or: [{ state: { $ne: "draft" } }, { original_creator: me }, { version_creator: me }],
      },
    ));
  } else if (scope.deskIds.length > 0) {
    branches.push({ "task.desk": { $in: scope.deskIds } });
  }
  return { $or: branches };
}

/**
 * Scopes resolved once per read: `scoped(actor)` returns a copy of the actor that `scopeOf`
 * knows, so a service's synchronous visibility filter can read the scope its async read
 * resolved. The system actor has no scope (it sees everything).
 */
export class VisibilityScopes {
  /** `scope` is absent for an administrator's by-id read, which needs none (`opensAny`). */
  #scopes = new WeakMap<Actor, { scope?: VisibilityScope; byId: boolean }>();
  #registry: ResourceRegistry;

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  /** `actor` carrying its resolved scope, for lists or (`byId`) for opening one item. */
  async scoped(actor: Actor, { byId = false }: { byId?: boolean } = {}): Promise<Actor> {
    if (actor.kind === "system") return actor;
    const known = this.#scopes.get(actor);
    if (known?.byId === byId) return actor;
    const scoped: Actor = { ...actor };
    // An administrator opens any item by id: their desks and hidden stages (two queries, ~9 % of
    // a publish request's thread time) are not looked up for it.
    const scope = byId && actor.isAdmin
      ? known?.scope
      : known?.scope ?? await visibilityScope(this.#registry, actor);
    this.#scopes.set(scoped, { scope, byId });
    return scoped;
  }

  /** `actor` (as `scoped` returned it for lists) also seeing others' drafts on desks. */
  countingDrafts(actor: Actor): Actor {
    const scope = this.#scopes.get(actor)?.scope;
    if (!scope) return actor;
    const counting: Actor = { ...actor };
    this.#scopes.set(counting, { scope: { ...scope, othersDrafts: true }, byId: false });
    return counting;
  }

  /** The scope `scoped` resolved for `actor`, if any. */
  scopeOf(actor: Actor): VisibilityScope | undefined {
    return this.#scopes.get(actor)?.scope;
  }

  /** Whether `scoped` prepared `actor` for a by-id read that sees every item (administrators). */
  opensAny(actor: Actor): boolean {
    return actor.isAdmin && (this.#scopes.get(actor)?.byId ?? false);
  }
}
