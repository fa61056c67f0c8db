/**
 * Behaviour of `roles`: names unique regardless of case, at most one default role, no granting
 * of privileges the caller lacks, and no deleting a role users still hold.
 */
import { ForbiddenError, ruleIssue, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { equalIgnoringCase } from "../storage/equal_ignoring_case.ts";
import { assertCanGrant, revokes } from "./privileges.ts";

export class RolesService extends ResourceService {
  /** The default role, or null when none is marked default. */
  defaultRole(): Promise<Doc | null> {
    return this.findOne({ is_default: true });
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      assertCanGrant(actor, { field: "privileges", before: {}, after: doc.privileges });
      await this.assertNameFree(String(doc.name), undefined);
      doc.privileges ??= {};
    }
  }

  protected override async onCreated(docs: Doc[]) {
    for (const doc of docs) if (doc.is_default === true) await this.clearOtherDefaults(doc);
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if ("privileges" in updates) {
      assertCanGrant(actor, {
        field: "privileges",
        before: original.privileges,
        after: updates.privileges,
      });
    }
    if (typeof updates.name === "string" && updates.name !== original.name) {
      await this.assertNameFree(updates.name, String(original._id));
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    if (updates.is_default === true) await this.clearOtherDefaults(original);
    // Superdesk's events: revoked privileges, or any other change of the role.
    if ("privileges" in updates && revokes(original.privileges, updates.privileges)) {
      await this.ctx.notify("role_privileges_revoked", {
        updated: 1,
        role_id: String(original._id),
      });
    } else if (!("privileges" in updates)) {
      await this.ctx.notify("role", { updated: 1, user_id: String(original._id) });
    }
  }

  protected override async onDelete(doc: Doc) {
    if (doc.is_default === true) throw new ForbiddenError("Cannot delete the default role");
    const { total: holders = 0 } = await this.ctx.registry.service("users").find({
      filter: { role: doc._id },
      page: 1,
      maxResults: 1,
    });
    if (holders > 0) {
      throw new ForbiddenError(`Cannot delete role "${doc.name}": ${holders} user(s) hold it`, {
        issues: { role: "in use" },
      });
    }
  }

  /** 400 `{name: {unique: 1}}` when another role has the same name in any case. */
  private async assertNameFree(name: string, ownId: string | undefined) {
    const clash = await this.findOne(equalIgnoringCase("name", name));
    if (clash && clash._id !== ownId) {
      throw new ValidationError({ name: ruleIssue("unique") });
    }
  }

  private async clearOtherDefaults(kept: Doc) {
    const others = await this.collection.find({ is_default: true, _id: { $ne: kept._id } });
    for (const other of others) await this.update(String(other._id), { is_default: false });
  }
}
