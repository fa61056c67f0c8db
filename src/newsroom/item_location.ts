/**
 * Resolves where an item goes (Superdesk's `send_to` in `apps/tasks.py`): a stage implies its
 * desk (for an explicit move or duplicate, a stage named with another desk is a 400), a desk
 * without a stage means its incoming stage, unknown ids are 404s, sending to a desk one is not a
 * member of needs `move`, and read-only stages refuse content (403).
 */
import { AbortError, BadRequestError, ForbiddenError, NotFoundError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { DesksService } from "./desks_service.ts";
import { MOVE_PRIVILEGE } from "./privileges.ts";

/** A desk and stage, or neither (personal space). */
export interface Location {
  desk: Doc | null;
  stage: Doc | null;
}

/** How `resolveLocation` checks a target. */
export interface LocationChecks {
  actor: Actor;
  /** Apply the `move` rule (membership of the desk or the `move` privilege); default on. */
  checkMembership?: boolean;
  /**
   * Refuse a stage named with another desk (`StageOfOtherDeskError`): only an explicit move or
   * a duplicate's destination sets it. Otherwise the stage decides the desk, as Superdesk's
   * item creation, fetch and `send_to` accept it.
   */
  refuseStageOfOtherDesk?: boolean;
}

/** The desk and stage `target` names, checked as `checks` says. */
export async function resolveLocation(
  registry: ResourceRegistry,
  target: { desk?: unknown; stage?: unknown },
  { actor, checkMembership = true, refuseStageOfOtherDesk = false }: LocationChecks,
): Promise<Location> {
  const desks = registry.service<DesksService>("desks");
  const stages = registry.service("stages");
  let stage: Doc | null = null;
  let deskId = typeof target.desk === "string" && target.desk ? target.desk : undefined;
  if (typeof target.stage === "string" && target.stage) {
    stage = await stages.findOne({ _id: target.stage });
    if (!stage) throw new NotFoundError(`Invalid stage identifier ${target.stage}`);
    if (refuseStageOfOtherDesk && deskId !== undefined && deskId !== String(stage.desk)) {
      throw new StageOfOtherDeskError(target.stage, deskId);
    }
    deskId = String(stage.desk);
  }
  if (!deskId) return { desk: null, stage: null };
  const desk = await desks.findOne({ _id: deskId });
  if (!desk) throw new NotFoundError(`Invalid desk identifier ${deskId}`);
  if (
    checkMembership && actor.kind === "user" && !hasPrivilege(actor, MOVE_PRIVILEGE) &&
    !(await desks.isMember(actor.userId, deskId))
  ) {
    throw new ForbiddenError(`User is not member of desk: ${deskId}`);
  }
  stage ??= await stages.findOne({ _id: desk.incoming_stage });
  return { desk, stage };
}

/**
 * A stage named with a desk it is not of, in an explicit move or duplicate: a 400 naming both
 * (Superdesk's `send_to` checks the named desk's membership and expiry, then puts the item on
 * the stage's desk).
 */
export class StageOfOtherDeskError extends BadRequestError {
  constructor(stageId: string, deskId: string) {
    super(`Stage ${stageId} is not a stage of desk ${deskId}`, {
      issues: { stage: `not a stage of desk ${deskId}` },
    });
  }
}

/** The desk and stage an item is on now (no checks). */
export async function currentLocation(registry: ResourceRegistry, item: Doc): Promise<Location> {
  const task = (item.task ?? {}) as Doc;
  const desk = task.desk ? await registry.service("desks").findOne({ _id: task.desk }) : null;
  const stage = task.stage ? await registry.service("stages").findOne({ _id: task.stage }) : null;
  return { desk, stage };
}

/**
 * Superdesk's `abort(403, response={"readonly": True})` when a user's item would be on a stage
 * that is read-only for local users; content fetched from ingest (`ingest_id`) may be.
 */
export function assertWritableStage(stage: Doc | null, actor: Actor, item?: Doc): void {
  if (stage?.local_readonly !== true || actor.kind !== "user" || item?.ingest_id) return;
  throw new AbortError(403, "The stage is read-only", {
    issues: { readonly: true },
    extra: { error: { readonly: true } },
  });
}
