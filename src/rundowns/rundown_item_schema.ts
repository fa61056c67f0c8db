/**
 * The fields of a rundown item (Superdesk's `RundownItemsResource.schema`), shared by
 * `rundown_items` and the items of rundown templates, which have no `rundown`.
 */
import { Type } from "@sinclair/typebox";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

const text = () => Type.Optional(Nullable(Type.String()));

/** A part of an item shown on another device (wall, video ...). */
const Subitem = Type.Object({
  qcode: text(),
  technical_info: text(),
  content: text(),
}, { additionalProperties: false });

/** The item fields without `rundown`. */
export const ITEM_FIELDS = {
  title: text(),
  technical_title: text(),
  item_type: Nullable(Type.String()),
  /** HTML. */
  content: text(),
  duration: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
  planned_duration: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
  show_part: text(),
  additional_notes: text(),
  fields_meta: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  subitems: Type.Optional(Type.Array(Subitem)),
  status: text(),
  camera: Type.Optional(Type.Array(Type.String())),
  subitem_attachments: Type.Optional(
    Type.Array(Type.Object({ id: Type.Optional(ObjectIdField()) })),
  ),
};

/** An item of a rundown template. */
export const TemplateItem = Type.Object(ITEM_FIELDS, { additionalProperties: false });
