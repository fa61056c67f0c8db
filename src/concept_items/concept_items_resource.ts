/**
 * The `concept_items` resource (Superdesk's `apps/concept_items`): the knowledge base the editor
 * annotates with, one concept per language, translations sharing a `group_id`. A concept's
 * nature is one of IPTC's `cpnature` codes; `definition_text` is the server's plain text of
 * `definition_html`. Anyone may add a concept (Superdesk's intrinsic `POST`); changing or
 * removing one needs `concept_items`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ObjectIdField } from "../resources/schema/fields.ts";

/** The privilege that edits and deletes concepts (Superdesk's `concept_items`). */
export const CONCEPT_ITEMS_PRIVILEGE = "concept_items";

/** IPTC's concept natures (http://cv.iptc.org/newscodes/cpnature/). */
export const CONCEPT_NATURES = [
  "cpnat:abstract",
  "cpnat:event",
  "cpnat:geoArea",
  "cpnat:object",
  "cpnat:organisation",
  "cpnat:person",
  "cpnat:poi",
] as const;

const filled = () => Type.String({ minLength: 1 });

/** The `concept_items` definition. */
export const conceptItemsResource = defineResource({
  name: "concept_items",
  nouns: { one: "concept item", many: "concept items" },
  schema: Type.Object({
    name: filled(),
    /** Shared by a concept's translations; a new concept gets a fresh one. */
    group_id: Type.Optional(filled()),
    definition_text: Type.Optional(Type.String()),
    definition_html: filled(),
    /** A qcode of the `languages` vocabulary. */
    language: filled(),
    labels: Type.Optional(Type.Array(Type.String(), { uniqueItems: true })),
    cpnat_type: Type.Union(CONCEPT_NATURES.map((nature) => Type.Literal(nature))),
    /** The nature's own properties (none is supported yet, as in Superdesk). */
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    created_by: Type.Optional(ObjectIdField()),
    updated_by: Type.Optional(ObjectIdField()),
    _type: Type.Optional(Type.String()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
  privileges: {
    PATCH: CONCEPT_ITEMS_PRIVILEGE,
    PUT: CONCEPT_ITEMS_PRIVILEGE,
    DELETE: CONCEPT_ITEMS_PRIVILEGE,
  },
  readOnlyFields: ["definition_text", "created_by", "updated_by", "_type"],
  indexes: [
    { name: "name", keys: { name: 1 } },
    { name: "definition_text", keys: { definition_text: 1 } },
    { name: "group_id", keys: { group_id: 1, language: 1 }, unique: true },
  ],
  relations: {
    created_by: { resource: "users" },
    updated_by: { resource: "users" },
  },
});
