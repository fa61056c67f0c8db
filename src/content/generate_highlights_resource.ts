/**
 * `generate_highlights` (Superdesk's `apps/highlights/generate.py`): the action that turns a
 * highlights package into one text item, its body the package's items rendered with the
 * highlight's template (`generate_highlights_service.ts`). POST only; nothing is stored of its
 * own (the item goes to `archive`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { HIGHLIGHTS_PRIVILEGE } from "./privileges.ts";

/**
 * The request: the package's id; `preview` answers the item without storing it; `export` (and
 * `preview`) lets items that are locked or not published in.
 */
export const generateHighlightsSchema = Type.Object({
  package: Type.String({ minLength: 1 }),
  preview: Type.Optional(Type.Boolean()),
  export: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** The `generate_highlights` definition. */
export const generateHighlightsResource = defineResource({
  name: "generate_highlights",
  schema: generateHighlightsSchema,
  resourceMethods: ["POST"],
  itemMethods: [],
  privileges: { POST: HIGHLIGHTS_PRIVILEGE },
});
