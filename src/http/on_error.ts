/**
 * Hono's `onError`: maps every thrown error to the JSON envelope with its status. Known errors
 * keep their status and message; anything else is a 500 with a generic message (details only
 * in the log, at error level, with the request id, and the app's name for an `AppFailure`).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppFailure } from "../app_failure.ts";
import { BulkValidationError, HttpError } from "../errors.ts";
import { errorBody } from "./error_body.ts";
import { plainJson } from "./wire_json.ts";
import type { RequestVariables } from "./middleware/request_context.ts";
import { requestTraceOf } from "./request_trace.ts";

/**
 * Renders `error` as the JSON envelope, built with the request's headers (`X-Request-Id`, `Vary`,
 * CORS) when the pipeline runs: a `scopeFree` route's error is answered outside the trace, and
 * headers set on a built Response make Deno drop its prepared native response and build it again.
 */
export function onError(error: Error, c: Context<{ Variables: RequestVariables }>): Response {
  const trace = requestTraceOf(c);
  if (error instanceof BulkValidationError) {
    return plainJson(
      { ...errorBody(error.status, error.message), _items: error.items },
      400,
      {},
      trace,
    );
  }
  if (error instanceof HttpError) {
    return plainJson(
      { ...errorBody(error.status, error.message, error.issues), ...error.extra },
      error.status,
      error.headers,
      trace,
    );
  }
  if (error instanceof HTTPException) {
    return plainJson(
      errorBody(error.status, error.message || "Request failed"),
      error.status,
      {},
      trace,
    );
  }
  if (error instanceof AppFailure) {
    c.get("log")?.error("app failed", { app: error.app, where: error.where, error: error.cause });
  } else {
    c.get("log")?.error("unhandled error", { error });
  }
  return plainJson(errorBody(500, "Internal server error"), 500, {}, trace);
}
