/**
 * Superdesk's "Validate for Publish" macro (superdesk/macros/validate_for_publish.py): checks
 * the stored item as a publish would, from the editor, without publishing. Registered by the
 * publish module, which owns the validation. Superdesk answers the failure as a 500 whose
 * message is the JSON list of errors, which the web client parses and shows one by one
 * (macros.ts `triggerMacro`); we answer the same message with a 400.
 */
import { BadRequestError, type Macro, ValidationError } from "../app_api.ts";
import type { ItemValidator } from "./item_validator.ts";

/** The macro validating with `validator`. */
export function validateForPublishMacro(validator: ItemValidator): Macro {
  return {
    name: "Validate for Publish",
    label: "Validate for Publish",
    accessType: "frontend",
    actionType: "direct",
    async callback(item, { actor, services }) {
      if (typeof item._id !== "string" || item._id === "") {
        throw new ValidationError({ item: { _id: "required field" } });
      }
      const stored = await services.registry.service("archive").getById(item._id, actor);
      const result = await validator.validate({
        act: "publish",
        type: String(stored.type ?? "text"),
        item: stored,
      });
      if (result && result.errors.length > 0) {
        throw new BadRequestError(JSON.stringify(result.errors));
      }
      return { item };
    },
  };
}
