/**
 * Shows (Superdesk's `ShowsService`): a show with rundowns cannot be deleted (409); deleting one
 * deletes its templates.
 */
import { AbortError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

export class ShowsService extends ResourceService {
  protected override onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) if (actor.userId) doc.created_by = actor.userId;
  }

  protected override onUpdate(updates: Doc, _original: Doc, actor: Actor) {
    if (actor.userId) updates.last_updated_by = actor.userId;
  }

  protected override async onDelete(doc: Doc) {
    const rundown = await this.ctx.registry.service("rundowns").findOne({ show: doc._id });
    if (rundown) {
      const message = "Can't remove show if there are rundowns.";
      throw new AbortError(409, message, { extra: { message } });
    }
  }

  protected override async onDeleted(doc: Doc) {
    await this.ctx.registry.service("rundown_templates").deleteMany({ show: doc._id });
  }
}
