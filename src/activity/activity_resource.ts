/**
 * The `activity` resource (Superdesk's `superdesk/activity.py`): the newsroom's activity log and
 * each user's notifications. Modules write it as things happen (items created, locked, spiked,
 * moved; mentions in comments); a user reads the stream and marks their own notifications read
 * (`PATCH` of `recipients` only, the one write clients may make). Newest first.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

/** One recipient of a notification: a user, or a desk (whose members see it). */
export const Recipient = Type.Object({
  user_id: Type.Optional(ObjectIdField()),
  desk_id: Type.Optional(ObjectIdField()),
  read: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** The `activity` definition. */
export const activityResource = defineResource({
  name: "activity",
  schema: Type.Object({
    name: Type.String(),
    message: Type.String(),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    recipients: Type.Optional(Type.Array(Recipient)),
    item: Type.Optional(Nullable(Type.String())),
    item_slugline: Type.Optional(Nullable(Type.String())),
    user: Type.Optional(Nullable(ObjectIdField())),
    user_name: Type.Optional(Nullable(Type.String())),
    desk: Type.Optional(Nullable(ObjectIdField())),
    resource: Type.Optional(Nullable(Type.String())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET"],
  itemMethods: ["GET", "PATCH"],
  datasource: { defaultSort: [["_created", -1]] },
  indexes: [
    { name: "recipients_user", keys: { "recipients.user_id": 1, _created: -1 } },
    { name: "user", keys: { user: 1, _created: -1 } },
    { name: "desk", keys: { desk: 1, _created: -1 } },
  ],
  relations: {
    user: { resource: "users", embeddable: true },
    desk: { resource: "desks", embeddable: true },
  },
});
