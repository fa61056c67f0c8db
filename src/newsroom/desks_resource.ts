/**
 * The `desks` resource (Superdesk's `apps/desks.py`): a team with members, an incoming and a
 * working stage (created automatically), a type and expiry settings. Writes need `desks`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { DESKS_PRIVILEGE } from "./privileges.ts";

const Text = () => Type.Optional(Nullable(Type.String()));
const Dict = () => Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown())));

/** The desk schema; unknown fields are refused. */
export const deskSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Text(),
  members: Type.Optional(Type.Array(Type.Object({ user: ObjectIdField() }, {
    additionalProperties: false,
  }))),
  incoming_stage: Type.Optional(Nullable(ObjectIdField())),
  working_stage: Type.Optional(Nullable(ObjectIdField())),
  content_expiry: Type.Optional(Nullable(Type.Integer())),
  source: Text(),
  send_to_desk_not_allowed: Type.Optional(Type.Boolean()),
  monitoring_settings: Type.Optional(Type.Array(Type.Object({
    _id: Type.String(),
    type: Type.Union(
      ["search", "stage", "scheduledDeskOutput", "deskOutput", "personal", "sentDeskOutput"]
        .map((value) => Type.Literal(value)),
    ),
    max_items: Type.Integer(),
  }))),
  desk_type: Type.Optional(Type.Union([Type.Literal("authoring"), Type.Literal("production")])),
  desk_metadata: Dict(),
  content_profiles: Dict(),
  desk_language: Text(),
  monitoring_default_view: Type.Optional(
    Type.Union(["", "list", "swimlane", "photogrid"].map((value) => Type.Literal(value))),
  ),
  default_content_profile: Text(),
  default_content_template: Text(),
  slack_channel_name: Text(),
  preferred_cv_items: Dict(),
  preserve_published_content: Type.Optional(Type.Boolean()),
  sams_settings: Dict(),
  email: Text(),
}, { additionalProperties: false });

/** The `desks` definition. */
export const desksResource = defineResource({
  name: "desks",
  schema: deskSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: DESKS_PRIVILEGE, PATCH: DESKS_PRIVILEGE, DELETE: DESKS_PRIVILEGE },
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
  indexes: [{ name: "members_user", keys: { "members.user": 1 } }],
  relations: {
    incoming_stage: { resource: "stages", embeddable: true },
    working_stage: { resource: "stages", embeddable: true },
  },
});
