/**
 * Validation of `FindOptions` shared by both stores, so a sort, projection, skip or limit is
 * accepted or refused (with a 400 naming the problem) the same way whatever the engine.
 */
import { BadRequestError } from "../errors.ts";
import type { FindOptions, Projection } from "./document_store.ts";
import { checkFieldName } from "./where_filter.ts";

/** Returns `options` when valid; throws `BadRequestError` otherwise. */
export function validateFindOptions(options: FindOptions): FindOptions {
  for (const [field, direction] of options.sort ?? []) {
    checkFieldName(field);
    if (direction !== 1 && direction !== -1) {
      throw new BadRequestError(`Sort direction for "${field}" must be 1 or -1`);
    }
  }
  for (const [name, value] of [["skip", options.skip], ["limit", options.limit]] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new BadRequestError(`"${name}" must be a non-negative integer`);
    }
  }
  if (options.projection) validateProjection(options.projection);
  return options;
}

/** Refuses invalid field names, flags other than 0 and 1, and mixed inclusion and exclusion. */
export function validateProjection(projection: Projection): Projection {
  const flags = new Set<number>();
  for (const [field, flag] of Object.entries(projection)) {
    checkFieldName(field);
    if (flag !== 0 && flag !== 1) {
      throw new BadRequestError(`Projection of "${field}" must be 0 or 1`);
    }
    if (field !== "_id") flags.add(flag);
  }
  if (flags.size > 1) {
    throw new BadRequestError("A projection cannot mix included and excluded fields");
  }
  return projection;
}
