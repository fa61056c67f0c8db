/**
 * The activity service (Superdesk's `ActivityService` and `add_activity`): `record` stores an
 * entry and announces it as Superdesk's `activity` event, whose `_dest` names the recipients so
 * their clients reload notifications (the event carries ids only: the message stays behind the
 * API). Who sees what follows the content rules: one's own entries and notifications, entries
 * about desks one belongs to (every desk with the see-all privilege), and entries about no
 * content item; never the activity of another user's personal items. Users read the last day's
 * entries only (`ACTIVITY_WINDOW_MS`). A PATCH may only mark the caller's own notification read
 * (Superdesk's rules, 403 otherwise).
 */
import { ForbiddenError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import { visibilityScope, VisibilityScopes } from "../newsroom/archive_visibility.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { type ActivityEntry, entryDocument } from "./activity_entry.ts";

type Recipient = { user_id?: string; desk_id?: string; read?: boolean };

/**
 * How far back a user reads the activity log: a day (Superdesk's `ActivityResource` datasource
 * filter `_created >= utcnow() - 1 day`, which covers lists, item reads and the read-marking
 * PATCH; it computes the bound once when the server starts, ours moves with the clock). Older
 * entries stay stored.
 */
export const ACTIVITY_WINDOW_MS = 24 * 60 * 60 * 1000;

export class ActivityService extends ResourceService {
  #scopes: VisibilityScopes;

  constructor(definition: ResourceDefinition, ctx: ServiceContext) {
    super(definition, ctx);
    this.#scopes = new VisibilityScopes(ctx.registry);
  }

  /** Stores `entry` done by user `by` (none: the system) and announces it; returns it. */
  async record(entry: ActivityEntry, by?: string): Promise<Doc> {
    const user = by ? await this.userOf(by) : null;
    const [stored] = await this.create([entryDocument(entry, user)], SYSTEM_ACTOR);
    const recipients = (stored!.recipients ?? []) as Recipient[];
    await this.ctx.notify("activity", {
      _dest: recipients,
      activity: {
        _id: stored!._id,
        name: stored!.name,
        resource: stored!.resource ?? null,
        item: stored!.item ?? null,
        desk: stored!.desk ?? null,
        user: stored!.user ?? null,
      },
    });
    return stored!;
  }

  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    return await super.find(query, await this.scoped(actor));
  }

  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    return await super.findOne(filter, await this.scoped(actor), options);
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    const scope = this.#scopes.scopeOf(actor);
    const me = actor.userId ?? "\u0000";
    const desks = scope?.deskIds ?? [];
    const branches: Filter[] = [
      { user: me },
      { "recipients.user_id": me },
      { desk: null, resource: { $ne: "archive" } },
    ];
    if (desks.length > 0) {
      branches.push({ desk: { $in: desks } }, { "recipients.desk_id": { $in: desks } });
    }
    if (scope?.seeAll) branches.push({ desk: { $ne: null } });
    return { $or: branches, _created: { $gte: new Date(Date.now() - ACTIVITY_WINDOW_MS) } };
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if (actor.kind === "system") return;
    const me = actor.userId;
    const keys = Object.keys(updates);
    if (keys.length !== 1 || keys[0] !== "recipients") {
      throw new ForbiddenError("Can not update: only the read state of a notification");
    }
    const before = (original.recipients ?? []) as Recipient[];
    const after = (updates.recipients ?? []) as Recipient[];
    if (!after.some((r) => r.user_id === me)) {
      throw new ForbiddenError("User is not in the notification list");
    }
    const readBy = (list: Recipient[], user: string | undefined) =>
      list.some((r) => r.user_id === user && r.read === true);
    if (readBy(before, me) && !readBy(after, me)) {
      throw new ForbiddenError("Can not set notification as unread");
    }
    const others = new Set(
      [...before, ...after].map((r) => r.user_id).filter((u): u is string => !!u && u !== me),
    );
    for (const other of others) {
      if (readBy(before, other) !== readBy(after, other)) {
        throw new ForbiddenError("Can not set other users notification as read");
      }
    }
    const key = (r: Recipient) => r.desk_id ? `desk:${r.desk_id}` : `user:${r.user_id}`;
    const listed = new Set(before.map(key));
    if (after.length !== listed.size || !after.every((r) => listed.has(key(r)))) {
      throw new ForbiddenError("Can not change the recipients of a notification");
    }
    const joined = after.filter((r) => r.desk_id && r.user_id);
    if (joined.length > 0) {
      const { deskIds } = await visibilityScope(this.ctx.registry, actor);
      const foreign = joined.some((r) => r.user_id !== me || !deskIds.includes(r.desk_id!));
      if (foreign) throw new ForbiddenError("User is not in the notification list");
    }
    if (!before.some((r) => r.user_id === me) && joined.length === 0) {
      throw new ForbiddenError("User is not in the notification list");
    }
  }

  private scoped(actor: Actor): Promise<Actor> {
    return this.#scopes.scoped(actor);
  }

  private async userOf(userId: string): Promise<Doc | null> {
    return await this.ctx.registry.service("users").findOne({ _id: userId });
  }
}
