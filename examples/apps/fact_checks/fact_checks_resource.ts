/**
 * The `fact_checks` resource: one claim of a story and where its check stands. Anyone signed in
 * reads them; adding, judging and removing need the `fact_check` privilege. Who judged a claim,
 * and when, is set by the server.
 */
import { DateTimeField, defineResource, Nullable, Type } from "@superdesk/app";

/** The privilege writes need. */
export const FACT_CHECK_PRIVILEGE = "fact_check";

/** Where a check stands. */
export const STATUSES = ["pending", "verified", "disputed", "false"] as const;

/** The definition. */
export const factChecksResource = defineResource({
  name: "fact_checks",
  title: "Fact checks",
  schema: Type.Object({
    item: Type.String({ description: "The archive item the claim is in" }),
    claim: Type.String({ minLength: 1, maxLength: 2000 }),
    status: Type.Optional(Type.Union(STATUSES.map((status) => Type.Literal(status)))),
    note: Type.Optional(Type.String()),
    origin: Type.Optional(Type.Union([Type.Literal("scan"), Type.Literal("manual")])),
    checked_by: Type.Optional(Nullable(Type.String())),
    checked_at: Type.Optional(Nullable(DateTimeField())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: FACT_CHECK_PRIVILEGE,
    PATCH: FACT_CHECK_PRIVILEGE,
    DELETE: FACT_CHECK_PRIVILEGE,
  },
  readOnlyFields: ["origin", "checked_by", "checked_at"],
  notifications: true,
  indexes: [{ name: "item", keys: { item: 1 } }],
  datasource: { defaultSort: [["_created", 1]] },
});
