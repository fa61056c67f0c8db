/**
 * `subscriber_token` (Superdesk's `superdesk.publish.subscriber_token`): the tokens a subscriber's
 * systems use to read the content API. Creating and deleting them needs the `subscribers`
 * privilege, as in Superdesk. Only a token's SHA-256 is stored, as its `_id`; the token itself is
 * answered once, as `token`, by the POST that made it (`subscriber_token_service.ts`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, ObjectIdField } from "../resources/schema/fields.ts";
import { SUBSCRIBERS_PRIVILEGE } from "../publish/privileges.ts";

/** A century: a longer expiry is no date a store or the wire holds (Superdesk's overflows). */
export const MAX_EXPIRY_DAYS = 36_500;

/** The `subscriber_token` definition. */
export const subscriberTokenResource = defineResource({
  name: "subscriber_token",
  schema: Type.Object({
    subscriber: ObjectIdField(),
    expiry_days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EXPIRY_DAYS })),
    expiry: Type.Optional(DateTimeField()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "DELETE"],
  itemUrl: "[a-f0-9]{64}",
  privileges: { POST: SUBSCRIBERS_PRIVILEGE, DELETE: SUBSCRIBERS_PRIVILEGE },
  readOnlyFields: ["expiry"],
  datasource: { defaultSort: [["_created", 1]] },
  relations: { subscriber: { resource: "subscribers" } },
  indexes: [{ name: "subscriber", keys: { subscriber: 1 } }],
});
