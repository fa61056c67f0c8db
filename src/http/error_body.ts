/**
 * The JSON error envelope every error response uses: Superdesk's `SuperdeskApiError` body
 * (`_status: "ERR"`, `_message`, `_issues`, and the `internal_error` status its error handler adds,
 * which the client reads: a highlights export's 403 asks to go on) together with Eve's
 * `_error: {code, message}`, so clients of either read it. Shared by `on_error.ts` and 404/405
 * handlers.
 */
import type { Issues } from "../errors.ts";

/** `{_status: "ERR", _message, _error: {code, message}, _issues?, internal_error}`. */
export function errorBody(status: number, message: string, issues?: Issues) {
  return {
    _status: "ERR",
    _message: message,
    _error: { code: status, message },
    ...(issues ? { _issues: issues } : {}),
    internal_error: status,
  };
}

/** A JSON error Response, for code paths outside Hono's context. */
export function errorResponse(status: number, message: string, issues?: Issues): Response {
  return Response.json(errorBody(status, message, issues), { status });
}
