/**
 * 412 for a rule that refuses an action in the current state of the data (Superdesk's
 * `preconditionFailedError`): deleting a desk with content, the incoming stage, a move within
 * one stage, restoring over a newer version.
 */
import { HttpError } from "../errors.ts";

/** 412 with Superdesk's message. */
export class PreconditionFailedError extends HttpError {
  constructor(message: string) {
    super(412, message);
    this.name = "PreconditionFailedError";
  }
}
