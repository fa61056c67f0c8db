/**
 * Validation of an item before a publishing action (Superdesk's `validate` service): an
 * `ItemValidator` answers the messages and field issues for an action on an item. A resource
 * whose service validates items by rules of its own (`content_types`: an item's content profile)
 * is asked first; the `validators` resource is the fallback, as in Superdesk.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { validateWithSchema } from "./validator_schema.ts";

/** What to validate. */
export interface ValidationRequest {
  /** The action: `publish`, `correct`, `kill`, `takedown`, `unpublish`, `auto_publish`. */
  act: string;
  /** The item type (`text`, `picture`, `composite`, ...). */
  type: string;
  item: Doc;
  embedded?: boolean;
}

/** Superdesk's answer: messages (`HEADLINE is a required field`) and issues by field. */
export interface ValidationResult {
  errors: string[];
  fields: Doc;
}

/** Validates items for an action; undefined means "no rule applies, ask the next one". */
export interface ItemValidator {
  validate(request: ValidationRequest): Promise<ValidationResult | undefined>;
}

/** A service that validates items by its own rules; undefined when it has none for the item. */
export interface ItemValidatingService {
  validateForPublishing(request: ValidationRequest): Promise<ValidationResult | undefined>;
}

/** Asks resource `name`'s service when it is registered and validates items (content profiles). */
export function serviceValidator(registry: ResourceRegistry, name: string): ItemValidator {
  return {
    async validate(request) {
      if (!registry.has(name)) return undefined;
      const service = registry.service(name) as unknown as Partial<ItemValidatingService>;
      if (typeof service.validateForPublishing !== "function") return undefined;
      return await service.validateForPublishing(request);
    },
  };
}

/** The first validator that has a rule for the request decides; none: valid. */
export function chainValidators(...validators: ItemValidator[]): ItemValidator {
  return {
    async validate(request) {
      for (const validator of validators) {
        const result = await validator.validate(request);
        if (result) return result;
      }
      return { errors: [], fields: {} };
    },
  };
}

/** Rules from the `validators` resource matching the action and type (Superdesk's lookup). */
export function validatorsResourceValidator(registry: ResourceRegistry): ItemValidator {
  return {
    async validate({ act, type, item, embedded }) {
      const filter: Doc = embedded
        ? { act, type, embedded: true }
        : { act, type, embedded: { $ne: true } };
      const rules = await registry.service("validators").findOne(filter);
      if (!rules) return undefined;
      const result = validateWithSchema(item, (rules.schema ?? {}) as Doc);
      if (act === "correct") delete result.fields.dateline;
      return {
        errors: result.messages.filter((_, i) =>
          !(act === "correct" && result.keys[i] === "dateline")
        ),
        fields: result.fields,
      };
    },
  };
}
