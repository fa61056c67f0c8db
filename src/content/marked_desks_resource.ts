/**
 * `marked_for_desks` (Superdesk's `apps/marked_desks`): the action that marks an item for a desk
 * (another desk's attention: the item's `marked_desks` lists the desk, who marked it and when),
 * or removes the mark when the desk is marked already. Nothing is stored of its own.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";

/** Mark items for desks. */
export const MARK_FOR_DESKS_PRIVILEGE = "mark_for_desks";

/** Superdesk's two privileges (the web client checks the second before marking for others). */
export const MARKED_DESKS_PRIVILEGES = [
  {
    name: MARK_FOR_DESKS_PRIVILEGE,
    label: "Mark items for desks",
    description: "User can mark items for other desks.",
  },
  {
    name: "mark_for_desks__non_members",
    label: "Mark items for desks even if the user is not a member of the desk",
    description: "User can mark items for other desks even if they are not a member of that desk",
  },
] as const;

/** The `marked_for_desks` definition (POST only). */
export const markedForDesksResource = defineResource({
  name: "marked_for_desks",
  schema: Type.Object({
    marked_desk: Type.String({ minLength: 1 }),
    marked_item: Type.String({ minLength: 1 }),
  }, { additionalProperties: false }),
  resourceMethods: ["POST"],
  itemMethods: [],
  privileges: { POST: MARK_FOR_DESKS_PRIVILEGE },
});
