/**
 * The `macros` resource (Superdesk's `MacrosResource`): `GET` lists the registered macros,
 * `POST {macro, item, commit}` runs one (needs `archive`). The schema is Superdesk's: the POST
 * fields plus the read-only fields of the listing, so the OpenAPI document shows both.
 */
import { defineResource, Type } from "../app_api.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";

const readOnly = { readOnly: true } as const;

/** The definition. */
export const macrosResource = defineResource({
  name: "macros",
  schema: Type.Object({
    macro: Type.String({ description: "The name of the macro to run" }),
    item: Type.Object({}, { additionalProperties: true, description: "The item to run it on" }),
    commit: Type.Optional(Type.Boolean({ description: "Save the changes to the archive item" })),
    diff: Type.Optional(
      Type.Record(Type.String(), Type.String(), { ...readOnly, description: "Original → new" }),
    ),
    name: Type.Optional(Type.String(readOnly)),
    label: Type.Optional(Type.String(readOnly)),
    description: Type.Optional(Type.String(readOnly)),
    access_type: Type.Optional(Type.String(readOnly)),
    action_type: Type.Optional(Type.String(readOnly)),
    replace_type: Type.Optional(Type.String(readOnly)),
    group: Type.Optional(Type.String(readOnly)),
    order: Type.Optional(Type.Integer(readOnly)),
    shortcut: Type.Optional(Type.String(readOnly)),
  }),
  resourceMethods: ["GET", "POST"],
  itemMethods: [],
  privileges: { POST: ARCHIVE_PRIVILEGE },
});
