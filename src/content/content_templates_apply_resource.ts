/**
 * The `content_templates_apply` resource (Superdesk's `ContentTemplatesApplyResource`): POST
 * `{template_name, item}` answers the item with the template applied (linked as the archive
 * item it is); nothing is stored.
 */
import { Type } from "@sinclair/typebox";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { defineResource } from "../resources/resource_definition.ts";

/** The request: a template name and the item to apply it to. */
export const applyTemplateSchema = Type.Object({
  template_name: Type.String({ minLength: 1 }),
  item: Type.Record(Type.String(), Type.Unknown()),
}, { additionalProperties: false });

/** The `content_templates_apply` definition (POST only). */
export const contentTemplatesApplyResource = defineResource({
  name: "content_templates_apply",
  schema: applyTemplateSchema,
  resourceMethods: ["POST"],
  itemMethods: [],
  privileges: { POST: ARCHIVE_PRIVILEGE },
  // The answer is the item: its link is the item's in the archive.
  itemHref: "/archive/{_id}",
});
