/**
 * Superdesk's answer when an update hook refuses a PATCH: Eve catches the hook's error and
 * answers 400 with `_issues: {"validator exception": "400: <message>"}` (the error's text).
 */
import { BadRequestError } from "../errors.ts";

/** Runs `hook`; a 400 it throws comes back in Superdesk's "validator exception" shape. */
export async function asValidatorException(hook: () => Promise<void>): Promise<void> {
  try {
    await hook();
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    throw new BadRequestError(error.message, {
      issues: { "validator exception": `400: ${error.message}` },
    });
  }
}
