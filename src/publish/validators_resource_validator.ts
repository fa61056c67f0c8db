/**
 * Validation by the `validators` resource (Superdesk's fallback when an item has no content
 * profile): the rules stored for the action and item type, embedded items having their own.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ItemValidator } from "./item_validator.ts";
import { prepareForValidation, schemaOptions } from "./validation_input.ts";
import { validationResult } from "./validation_messages.ts";
import { validateWithSchema } from "./validator_schema.ts";

/** Rules from the `validators` resource matching the action and type (Superdesk's lookup). */
export function validatorsResourceValidator(registry: ResourceRegistry): ItemValidator {
  return {
    async validate({ act, type, item, embedded }) {
      const filter: Doc = embedded
        ? { act, type, embedded: true }
        : { act, type, embedded: { $ne: true } };
      const found = await registry.service("validators").findOne(filter);
      if (!found) return undefined;
      const rules = { ...(found.schema ?? {}) as Doc };
      const prepared = prepareForValidation(item, rules);
      const result = validateWithSchema(prepared, rules, await schemaOptions(registry, rules));
      return await validationResult(registry, result, { act, profiled: Boolean(item.profile) });
    },
  };
}
