/**
 * The `attachments` resource (Superdesk's `superdesk/attachments.py`): files attached to content
 * items, each a stored binary (`media`) with its title, description, whether it is `internal`
 * (not sent to subscribers) and its uploader. Created by a multipart upload
 * (`attachments_routes.ts`) or with the id of a binary already stored; edited, never deleted
 * (Superdesk's item methods: GET and PATCH).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";

/** The attachments schema. */
export const attachmentSchema = Type.Object({
  media: Type.Optional(ObjectIdField({ description: "The stored binary" })),
  mimetype: Type.Optional(Type.String()),
  filename: Type.Optional(Type.String()),
  length: Type.Optional(Type.Integer({ minimum: 0 })),
  title: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  user: Type.Optional(ObjectIdField({ description: "Who uploaded it (set by the server)" })),
  internal: Type.Optional(Type.Boolean({ default: false })),
}, { additionalProperties: false });

/** The `attachments` definition. */
export const attachmentsResource = defineResource({
  name: "attachments",
  schema: attachmentSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  privileges: { POST: ARCHIVE_PRIVILEGE, PATCH: ARCHIVE_PRIVILEGE },
  readOnlyFields: ["user"],
  relations: { user: { resource: "users", embeddable: true } },
});
