/**
 * What both document stores take in `Collection.incrementOne`: a top-level field named by
 * letters, digits and `_` (not `_id`, not a path or an operator), and a finite amount, so the
 * same call is refused (a 400) or counted on MongoDB and on SQLite alike.
 */
import { BadRequestError } from "../errors.ts";

/** Throws a `BadRequestError` unless `field` may be incremented by `by`. */
export function checkIncrement(field: string, by: number): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field) || field === "_id" || !Number.isFinite(by)) {
    throw new BadRequestError(`Cannot increment the field ${JSON.stringify(field)} by ${by}`);
  }
}
