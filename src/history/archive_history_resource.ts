/**
 * The `archive_history` resource (Superdesk's `apps/archive_history`): one record per operation
 * on a content item (created, fetched, saved, duplicated, published, corrected, killed, resent,
 * spiked, moved, marked, locked ...), with the item's version at that moment, who did it and
 * what it changed. The web client's History tab reads it
 * (`where={"item_id": <id>}&sort=[("_created", 1)]&max_results=200`). Read-only for clients:
 * the server writes it as items change (`history_module.ts`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

/** The `archive_history` definition. */
export const archiveHistoryResource = defineResource({
  name: "archive_history",
  schema: Type.Object({
    item_id: Type.String(),
    user_id: Type.Optional(Nullable(ObjectIdField())),
    operation: Type.String(),
    update: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    version: Type.Integer(),
    original_item_id: Type.Optional(Type.String()),
  }),
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  // Oldest first, in the order written (Superdesk's: Mongo's natural order).
  datasource: { defaultSort: [["_created", 1], ["_id", 1]] },
  indexes: [{ name: "item_id", keys: { item_id: 1, _created: 1 } }],
  relations: { user_id: { resource: "users", embeddable: true } },
});
