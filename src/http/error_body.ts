/**
 * The JSON error envelope every error response uses (Eve's `_status`/`_error`, plus `_issues`
 * for validation and Superdesk's auth errors). Shared by `on_error.ts` and 404/405 handlers.
 */
import type { Issues } from "../errors.ts";

/** Eve's error body: `{_status: "ERR", _error: {code, message}, _issues?}`. */
export function errorBody(status: number, message: string, issues?: Issues) {
  return {
    _status: "ERR",
    _error: { code: status, message },
    ...(issues ? { _issues: issues } : {}),
  };
}

/** A JSON error Response, for code paths outside Hono's context. */
export function errorResponse(status: number, message: string, issues?: Issues): Response {
  return Response.json(errorBody(status, message, issues), { status });
}
