/**
 * System messages (Superdesk's `apps/system_message`): banners administrators show every user
 * of the web client (`is_active`), with Superdesk's types and a 200-character message. Writes
 * need `system_messages`; the author is recorded as `user_id` (whatever the client sent); every change is announced as
 * `system_message:created|updated|deleted` with the ids, so open clients reload the banners.
 */
import { Type } from "@sinclair/typebox";
import type { Actor } from "../resources/actor.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import type { Doc } from "../storage/document_store.ts";

/** The privilege that writes system messages. */
export const SYSTEM_MESSAGES_PRIVILEGE = "system_messages";

const TYPES = ["warning", "alert", "primary", "success", "highlight", "light"];

/** The `system_messages` definition. */
export const systemMessagesResource = defineResource({
  name: "system_messages",
  schema: Type.Object({
    is_active: Type.Optional(Type.Boolean()),
    type: Type.Union(TYPES.map((type) => Type.Literal(type))),
    message_title: Type.String(),
    message: Type.String({ maxLength: 200 }),
    user_id: Type.Optional(ObjectIdField()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: SYSTEM_MESSAGES_PRIVILEGE,
    PATCH: SYSTEM_MESSAGES_PRIVILEGE,
    DELETE: SYSTEM_MESSAGES_PRIVILEGE,
  },
  relations: { user_id: { resource: "users", embeddable: true } },
});

/** Records the author and announces changes. */
export class SystemMessagesService extends ResourceService {
  protected override onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      doc.is_active ??= false;
      if (actor.userId) doc.user_id = actor.userId;
    }
  }

  protected override async onCreated(docs: Doc[]) {
    await this.ctx.notify("system_message:created", { _id: docs.map((doc) => String(doc._id)) });
  }

  protected override onUpdate(updates: Doc, _original: Doc, actor: Actor) {
    if (actor.userId) updates.user_id = actor.userId;
  }

  protected override async onUpdated(_updates: Doc, original: Doc) {
    await this.ctx.notify("system_message:updated", { _id: [String(original._id)] });
  }

  protected override async onDeleted(doc: Doc) {
    await this.ctx.notify("system_message:deleted", { _id: [String(doc._id)] });
  }
}
