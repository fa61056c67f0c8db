/**
 * The `usage_metrics` resource (Superdesk's `apps/usage_metrics.py`, at `/usage-metrics`): the
 * client records what a user did with an item (`open`, `preview` ...); each record is kept, and
 * the item counts it in `metrics.<action>`. Write-only (POST), no privilege beyond a session, no
 * notifications, as Superdesk's.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, ObjectIdField } from "../resources/schema/fields.ts";

/**
 * An action is a key of the item's `metrics`: a word, so it can name no other field (no dot,
 * no `$`).
 */
const ACTION_PATTERN = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

/** The `usage_metrics` definition. */
export const usageMetricsResource = defineResource({
  name: "usage_metrics",
  url: "usage-metrics",
  nouns: { one: "usage metric", many: "usage metrics" },
  schema: Type.Object({
    action: Type.String({ pattern: ACTION_PATTERN }),
    user: ObjectIdField(),
    item: Type.String({ minLength: 1, maxLength: 1000 }),
    date: Type.Optional(DateTimeField()),
  }, { additionalProperties: false }),
  resourceMethods: ["POST"],
  itemMethods: [],
  relations: { user: { resource: "users", embeddable: false } },
  // Counting an item's records of one action (`usage_metrics_service.ts`) reads this index only.
  indexes: [{ name: "item_action", keys: { item: 1, action: 1 } }],
});
