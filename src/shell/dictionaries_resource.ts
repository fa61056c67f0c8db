/**
 * The `dictionaries` resource (Superdesk's `apps/dictionaries`): spellchecker word lists per
 * language (`content`: word → count), personal ones (`user`, named `<user>:<language>`) and
 * personal abbreviations (`type: "abbreviations"`, word → expansion). Writes need
 * `dictionaries`; `name` is unique per language and type. `content` is stored as JSON text, as
 * Superdesk does, so words holding "." or "$" are kept as they are.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

/** The privilege that writes dictionaries. */
export const DICTIONARIES_PRIVILEGE = "dictionaries";

/** The dictionary types. */
export const DICTIONARY_TYPES = ["dictionary", "abbreviations"] as const;

/** The `dictionaries` definition. */
export const dictionariesResource = defineResource({
  name: "dictionaries",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    language_id: Type.String({ minLength: 1 }),
    // An object on input; answers carry it as the JSON text it is stored as.
    content: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()])),
    /** The content as a JSON object in a string (what the client's upload form sends). */
    content_list: Type.Optional(Type.String()),
    user: Type.Optional(Nullable(ObjectIdField())),
    is_active: Type.Optional(Type.String()),
    type: Type.Optional(Type.Union(DICTIONARY_TYPES.map((type) => Type.Literal(type)))),
    init_version: Type.Optional(Type.Integer()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST", "DELETE"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
  privileges: {
    POST: DICTIONARIES_PRIVILEGE,
    PATCH: DICTIONARIES_PRIVILEGE,
    PUT: DICTIONARIES_PRIVILEGE,
    DELETE: DICTIONARIES_PRIVILEGE,
  },
  etagIgnoreFields: ["content", "content_list"],
  indexes: [{
    name: "name",
    keys: { name: 1, language_id: 1, type: 1 },
    unique: true,
  }],
  relations: { user: { resource: "users", embeddable: true } },
});
