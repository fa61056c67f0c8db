/**
 * The `archive_autosave` resource (Superdesk's `AutoSaveResource`): the latest unsaved state of
 * an item being edited, a full copy of the item with the editor's changes, keyed by the item's
 * id. Only the lock holder writes it and only they read it.
 */
import { ITEM_ID_PATTERN, itemSchema, SERVER_FIELDS } from "../newsroom/archive_resource.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { defineResource } from "../resources/resource_definition.ts";

/** The `archive_autosave` definition. */
export const archiveAutosaveResource = defineResource({
  name: "archive_autosave",
  schema: itemSchema,
  resourceMethods: ["POST"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
  privileges: {
    POST: ARCHIVE_PRIVILEGE,
    PATCH: ARCHIVE_PRIVILEGE,
    PUT: ARCHIVE_PRIVILEGE,
    DELETE: ARCHIVE_PRIVILEGE,
  },
  itemUrl: ITEM_ID_PATTERN,
  readOnlyFields: SERVER_FIELDS,
  indexes: [{ name: "lock_user", keys: { lock_user: 1 } }],
});
