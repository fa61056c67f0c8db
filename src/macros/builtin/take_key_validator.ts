/**
 * Superdesk's `take_key_validator` macro (superdesk/macros/take_key_validator.py): a backend
 * macro for stage rules that refuses an item without a take key (`anpa_take_key`), so a stage
 * can demand one before items enter or leave it.
 */
import { BadRequestError, type Macro } from "../../app_api.ts";

/** Checks if item has take_key value */
export const takeKeyValidator: Macro = {
  name: "take_key_validator",
  label: "validate take key",
  description: "Checks if item has take_key value",
  accessType: "backend",
  actionType: "direct",
  callback(item) {
    const key = item.anpa_take_key;
    if (typeof key !== "string" || key.trim() === "") {
      throw new BadRequestError("Take key cannot be empty!");
    }
    return { item };
  },
};
