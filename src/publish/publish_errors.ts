/**
 * The error shapes Superdesk's publishing answers with: a refused action is a 400 whose
 * `_issues` hold `validator exception: "<code>: <message>"` (Eve turns the `SuperdeskApiError`
 * its update hook raises, a 400 or the 412 of a state transition, into a validation failure);
 * an item that fails its validators is a
 * 400 whose `_issues` hold the messages as Python prints a list of lists
 * (`"[['HEADLINE is a required field']]"`) and the issues by field.
 */
import { BadRequestError } from "../errors.ts";
import type { ValidationResult } from "./item_validator.ts";

/** A refused publishing action; `code` is the status Superdesk's error names. */
export function publishRefusal(message: string, code = 400): BadRequestError {
  return new BadRequestError(message, {
    issues: { "validator exception": `${code}: ${message}` },
  });
}

/** An item that failed validation before a publishing action. */
export function validationFailure(result: ValidationResult): BadRequestError {
  return new BadRequestError(result.errors.join("; "), {
    issues: {
      "validator exception": `[[${result.errors.map(pythonString).join(", ")}]]`,
      fields: result.fields,
    },
  });
}

/** A string as Python's `repr` writes it (single quotes unless the text has one). */
export function pythonString(text: string): string {
  if (!text.includes("'")) return `'${text.replaceAll("\\", "\\\\")}'`;
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
