/**
 * Validation of an item before a publishing action (Superdesk's `validate` service): an
 * `ItemValidator` answers the messages and field issues for an action on an item. Validators
 * are chained: the item's content profile (`profile_validator.ts`) is asked first, then the
 * `validators` resource (`validators_resource_validator.ts`), then Superdesk's default profile,
 * as in Superdesk (`publishingValidator`).
 */
import type { Doc } from "../storage/document_store.ts";

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
