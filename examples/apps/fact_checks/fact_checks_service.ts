/**
 * The hooks of `fact_checks`: a check must name an archive item its author can see, starts
 * `pending`, and records who judged it when its status changes.
 */
import { type Actor, type Doc, ResourceService, ValidationError } from "@superdesk/app";

export class FactChecksService extends ResourceService {
  protected override async onCreate(docs: Doc[], actor: Actor): Promise<void> {
    const archive = this.ctx.registry.service("archive");
    for (const doc of docs) {
      if (!(await archive.findOne({ _id: doc.item }, actor))) {
        throw new ValidationError({ item: `no archive item "${doc.item}"` });
      }
      doc.status ??= "pending";
      doc.origin ??= actor.kind === "system" ? "scan" : "manual";
    }
  }

  protected override onUpdate(updates: Doc, original: Doc, actor: Actor): void {
    if ("status" in updates && updates.status !== original.status) {
      updates.checked_by = actor.userId ?? null;
      updates.checked_at = new Date();
    }
  }
}
