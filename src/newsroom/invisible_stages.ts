/**
 * Users' `invisible_stages` (Superdesk's `update_stage_visibility_for_users`): the ids of the
 * stages marked invisible on desks a user is not a member of. Kept on each user document so the
 * web client can hide those stages; recomputed whenever a stage's visibility, a desk's members or
 * the set of desks and stages changes. Only users whose list actually changes are written, as a
 * system update (no `user` event).
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** Users read per batch while refreshing. */
const BATCH = 200;

/** Recomputes `invisible_stages` of `userIds`, or of every user when none are given. */
export async function refreshInvisibleStages(
  registry: ResourceRegistry,
  { userIds }: { userIds?: string[] } = {},
): Promise<void> {
  const hidden = await registry.service("stages").find({
    filter: { is_visible: false },
    page: 1,
    maxResults: 10_000,
    projection: { _id: 1, desk: 1 },
    skipCount: true,
  });
  const desks = await registry.service("desks").find({
    filter: {},
    page: 1,
    maxResults: 10_000,
    projection: { _id: 1, members: 1 },
    skipCount: true,
  });
  const membersOf = new Map(desks.items.map((desk) => [String(desk._id), memberSet(desk)]));
  const users = registry.service("users");
  const filter = userIds ? { _id: { $in: userIds } } : {};
  for (let page = 1;; page++) {
    const batch = await users.find({
      filter,
      page,
      maxResults: BATCH,
      projection: { _id: 1, invisible_stages: 1 },
      skipCount: true,
    });
    for (const user of batch.items) {
      const id = String(user._id);
      const stages = hidden.items
        .filter((stage) => !membersOf.get(String(stage.desk))?.has(id))
        .map((stage) => String(stage._id));
      if (sameIds(stages, user.invisible_stages)) continue;
      await users.update(id, { invisible_stages: stages }, { actor: SYSTEM_ACTOR });
    }
    if (batch.items.length < BATCH) break;
  }
}

function memberSet(desk: Doc): Set<string> {
  const members = Array.isArray(desk.members) ? desk.members : [];
  return new Set(members.map((member: Doc) => String(member?.user)));
}

function sameIds(next: string[], current: unknown): boolean {
  if (!Array.isArray(current) || current.length !== next.length) return false;
  const held = new Set(current.map(String));
  return next.every((id) => held.has(id));
}
