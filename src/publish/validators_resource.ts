/**
 * The `validators` resource (Superdesk's `apps/validators`): per action (`act`: publish,
 * correct, kill, ...) and item `type`, a schema (Superdesk's cerberus subset: `type`,
 * `required`, `empty`, `nullable`, `minlength`, `maxlength`, `allowed`) an item must satisfy
 * before the action. Ids are chosen by whoever creates them (`publish_text`). Writes need the
 * `validators` privilege; Superdesk lets any user post them.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { VALIDATORS_PRIVILEGE } from "./privileges.ts";

/** The validator schema (`_id` is given by the client). */
export const validatorSchema = Type.Object({
  act: Type.String({ minLength: 1 }),
  type: Type.String({ minLength: 1 }),
  embedded: Type.Optional(Type.Boolean()),
  schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  init_version: Type.Optional(Type.Integer()),
}, { additionalProperties: false });

/** The `validators` definition. */
export const validatorsResource = defineResource({
  name: "validators",
  schema: validatorSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: VALIDATORS_PRIVILEGE,
    PATCH: VALIDATORS_PRIVILEGE,
    DELETE: VALIDATORS_PRIVILEGE,
  },
  itemUrl: "[\\w.:-]+",
  datasource: { defaultSort: [["_id", 1]] },
});
