/**
 * The `rule_sets` resource (Superdesk's `apps/rules/rule_sets.py`): named lists of
 * `{old, new}` text replacements applied to ingested bodies; a `new` of null becomes ""; a rule
 * set a provider uses cannot be deleted (403).
 */
import { Type } from "@sinclair/typebox";
import { ForbiddenError } from "../../errors.ts";
import { defineResource } from "../../resources/resource_definition.ts";
import { ResourceService } from "../../resources/resource_service.ts";
import { Nullable } from "../../resources/schema/fields.ts";
import type { Doc } from "../../storage/document_store.ts";
import { assertUniqueName } from "../../newsroom/unique_name.ts";
import { RULE_SETS_PRIVILEGE } from "../privileges.ts";

/** The `rule_sets` definition. */
export const ruleSetsResource = defineResource({
  name: "rule_sets",
  schema: Type.Object({
    name: Type.String({ minLength: 1 }),
    rules: Type.Optional(Type.Array(Type.Object({
      old: Type.String(),
      new: Type.Optional(Nullable(Type.String())),
    }, { additionalProperties: false }))),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: RULE_SETS_PRIVILEGE,
    PATCH: RULE_SETS_PRIVILEGE,
    DELETE: RULE_SETS_PRIVILEGE,
  },
  uniqueFields: ["name"],
});

export class RuleSetsService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      await assertUniqueName(this.collection, doc.name);
      blankNulls(doc);
    }
  }

  protected override async onUpdate(updates: Doc, original: Doc) {
    if ("name" in updates) {
      await assertUniqueName(this.collection, updates.name, { exceptId: String(original._id) });
    }
    blankNulls(updates);
  }

  protected override async onDelete(doc: Doc) {
    if (await this.ctx.registry.service("ingest_providers").findOne({ rule_set: doc._id })) {
      throw new ForbiddenError("Cannot delete Rule set as it's associated with channel(s).");
    }
  }
}

function blankNulls(doc: Doc) {
  for (const rule of Array.isArray(doc.rules) ? doc.rules as Doc[] : []) rule.new ??= "";
}
