/**
 * Contacts (Superdesk's `ContactsService`): lists show active contacts unless `?all` is sent; a
 * contact whose `contact_type` is an assignable one (the `contact_type` vocabulary) must have an
 * e-mail address, since coverage assigned to it is sent there; every change is announced as
 * `contacts:create`, `contacts:update` or `contacts:deleted` with the ids, as the web client
 * listens for them.
 */
import { BadRequestError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

export class ContactsService extends ResourceService {
  /** A page of contacts; only active ones unless the request names `all` (any value). */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    if (query.args && Object.hasOwn(query.args, "all")) return await super.find(query, actor);
    const active = { is_active: true };
    const filter = query.filter ? { $and: [query.filter, active] } : active;
    return await super.find({ ...query, filter }, actor);
  }

  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      withDefaults(doc);
      await this.requireAssignableEmail(doc);
    }
  }

  protected override async onCreated(docs: Doc[]) {
    await this.ctx.notify("contacts:create", { _id: docs.map((doc) => doc._id) });
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    await this.requireAssignableEmail({ ...original, ...updates });
  }

  protected override async onUpdated(_updates: Doc, original: Doc) {
    await this.ctx.notify("contacts:update", { _id: [original._id] });
  }

  protected override async onReplace(doc: Doc) {
    withDefaults(doc);
    await this.requireAssignableEmail(doc);
  }

  protected override async onReplaced(_doc: Doc, original: Doc) {
    await this.ctx.notify("contacts:update", { _id: [original._id] });
  }

  protected override async onDeleted(doc: Doc) {
    await this.ctx.notify("contacts:deleted", { _id: [doc._id] });
  }

  /** 400 when `contact` is of an assignable type and has no e-mail address. */
  private async requireAssignableEmail(contact: Doc): Promise<void> {
    if (!contact.contact_type || !this.ctx.registry.has("vocabularies")) return;
    const types = await this.ctx.registry.service("vocabularies").findOne({ _id: "contact_type" });
    const items = Array.isArray(types?.items) ? types.items as Doc[] : [];
    const type = items.find((item) => item.qcode === contact.contact_type);
    if (!type?.assignable) return;
    const emails = contact.contact_email;
    if (Array.isArray(emails) && emails.length > 0) return;
    throw new BadRequestError(`Contacts of type "${type.name}" must have an email address`);
  }
}

/** The schema's defaults (Superdesk's: active, not public), which a document sent lacks. */
function withDefaults(doc: Doc): void {
  doc.is_active ??= true;
  doc.public ??= false;
}
