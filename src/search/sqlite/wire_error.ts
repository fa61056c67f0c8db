/**
 * Errors across the boundary of a search thread (`search_thread.ts` → `search_pool.ts`). A
 * structured clone keeps an error's message but not its class or fields, so a refused query's
 * `BadRequestError` would reach the HTTP layer as a plain `Error` (a 500). The thread sends the
 * class name, message, stack and own fields (`status`, `issues`, `headers`, SQLite's `errcode`);
 * the pool makes an error of the same class with the same fields.
 */
import {
  AbortError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from "../../errors.ts";

/** An error as it crosses a thread boundary. */
export interface WireError {
  className: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** The classes a search can throw, by constructor name; others arrive as `Error`. */
const CLASSES: Record<string, { prototype: Error }> = {
  AbortError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
  Error,
  RangeError,
  SyntaxError,
  TypeError,
};

/** `error` as plain data a `postMessage` can carry. */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) {
    return { className: "Error", message: String(error), fields: {} };
  }
  let fields: Record<string, unknown> = {};
  try {
    // Own enumerable fields only, as JSON: a field that cannot be cloned must not lose the error.
    fields = JSON.parse(JSON.stringify({ ...error }));
  } catch {
    fields = { name: error.name };
  }
  return { className: error.constructor.name, message: error.message, stack: error.stack, fields };
}

/** The error `wire` describes, of its class when known (`instanceof` holds). */
export function fromWire(wire: WireError): Error {
  const error = new Error(wire.message);
  Object.setPrototypeOf(error, (CLASSES[wire.className] ?? Error).prototype);
  Object.assign(error, wire.fields);
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
