/**
 * Workspaces (Superdesk's `WorkspaceService`): any signed-in user may keep their own, never
 * someone else's (403, as Superdesk's `is_authorized`); a desk's workspace may be written by its
 * members and by holders of `desks`. A user's workspaces are visible to that user only; desk and
 * shared ones to everyone. Names are unique per user (`scope_key`, see the resource).
 */
import { BulkValidationError, ForbiddenError, type Issues, ValidationError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";

/** The privilege that manages desks (and so their workspaces). */
const DESKS_PRIVILEGE = "desks";

export class WorkspacesService extends ResourceService {
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    return { $or: [{ user: null }, { user: actor.userId ?? "\u0000" }] };
  }

  override async create(inputs: Doc[], actor?: Actor): Promise<Doc[]> {
    try {
      return await super.create(inputs, actor);
    } catch (error) {
      throw nameIssue(error);
    }
  }

  override async update(id: string, input: Doc, options?: WriteOptions): Promise<Doc> {
    try {
      return await super.update(id, input, options);
    } catch (error) {
      throw nameIssue(error);
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      await this.assertMayWrite(doc, actor);
      setScopeKey(doc);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    await this.assertMayWrite(original, actor);
    const merged = { ...original, ...updates };
    await this.assertMayWrite(merged, actor);
    setScopeKey(merged);
    if (merged.scope_key !== original.scope_key) updates.scope_key = merged.scope_key;
  }

  protected override async onDelete(doc: Doc, actor: Actor) {
    await this.assertMayWrite(doc, actor);
  }

  private async assertMayWrite(doc: Doc, actor: Actor): Promise<void> {
    if (actor.kind === "system") return;
    if (doc.user !== undefined && doc.user !== null && doc.user !== actor.userId) {
      throw new ForbiddenError("Cannot change another user's workspace");
    }
    const desk = typeof doc.desk === "string" ? doc.desk : undefined;
    if (doc.user == null && desk && !hasPrivilege(actor, DESKS_PRIVILEGE)) {
      const member = await this.ctx.registry.service("desks").findOne({
        _id: desk,
        "members.user": actor.userId,
      });
      if (!member) throw new ForbiddenError("Only members of the desk may change its workspace");
    }
  }
}

/**
 * The unique key of a workspace: its name within its user's (or among user-less) workspaces,
 * else the desk of a desk workspace; none for an unnamed personal workspace.
 */
function setScopeKey(doc: Doc): void {
  const name = typeof doc.name === "string" && doc.name !== "" ? doc.name : undefined;
  const user = typeof doc.user === "string" ? doc.user : "";
  const desk = typeof doc.desk === "string" ? doc.desk : undefined;
  if (name !== undefined) doc.scope_key = `name:${user}:${name}`;
  else if (desk !== undefined && !user) doc.scope_key = `desk:${desk}`;
  else delete doc.scope_key;
}

/** A clash on the hidden key is reported on the field the client sent. */
function nameIssue(error: unknown): unknown {
  const rename = (issues: Issues | undefined): Issues | undefined => {
    if (!issues || !("scope_key" in issues)) return issues;
    const { scope_key, ...rest } = issues;
    return { ...rest, name: scope_key };
  };
  if (error instanceof BulkValidationError) {
    return new BulkValidationError(
      error.items.map((item) => ({
        ...item,
        ...(item._issues && { _issues: rename(item._issues) }),
      })),
    );
  }
  if (error instanceof ValidationError && error.issues && "scope_key" in error.issues) {
    return new ValidationError(rename(error.issues)!, error.message);
  }
  return error;
}
