/**
 * The error vocabulary shared by every layer. Services throw these; the HTTP layer maps them to
 * the JSON envelope with `toErrorResponse` (src/http/on_error.ts). Messages say what could not
 * be done and why.
 */

/**
 * Field-level validation issues, Superdesk's `_issues` shape: field → a rule marker
 * (`{"required": 1}`, see `ruleIssue`), a Cerberus message (`"must be of string type"`), or the
 * issues of a nested object.
 */
export type Issues = Record<string, unknown>;

/** The rules Superdesk's validator reports as `{rule: 1}` rather than as a message. */
export type IssueRule = "required" | "unique" | "pattern" | "minlength";

/** Superdesk's marker for a failed rule (`superdesk/validator.py`): `{"unique": 1}`. */
export function ruleIssue(rule: IssueRule): Issues {
  return { [rule]: 1 };
}

/** An error that carries its HTTP status, optional `_issues` and response headers. */
export class HttpError extends Error {
  readonly status: number;
  readonly issues?: Issues;
  /** Headers the error response must carry (e.g. `Retry-After` on a 429). */
  readonly headers?: Record<string, string>;
  /** Extra top-level fields of the error body (Superdesk's `error` of an aborted request). */
  readonly extra?: Record<string, unknown>;
  constructor(
    status: number,
    message: string,
    { issues, headers, extra }: {
      issues?: Issues;
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.issues = issues;
    this.headers = headers;
    this.extra = extra;
  }
}

/**
 * An error a write hook raises that is answered as itself, not as a `validator exception`:
 * werkzeug's `abort()` in Superdesk (a read-only stage is a 403 `{"error": {"readonly": true}}`)
 * and the checks Superdesk makes in its authorization layer before any hook runs.
 */
export class AbortError extends HttpError {
  constructor(
    status: number,
    message: string,
    options: { issues?: Issues; extra?: Record<string, unknown> } = {},
  ) {
    super(status, message, options);
    this.name = "AbortError";
  }
}

/** 404: the resource or item does not exist. */
export class NotFoundError extends HttpError {
  constructor(message = "Not found") {
    super(404, message);
    this.name = "NotFoundError";
  }
}

/** 400: the request itself is malformed (bad JSON, bad query parameter, forbidden operator). */
export class BadRequestError extends HttpError {
  constructor(message: string, { issues }: { issues?: Issues } = {}) {
    super(400, message, { issues });
    this.name = "BadRequestError";
  }
}

/**
 * 400 (Superdesk's `VALIDATION_ERROR_STATUS`): the document failed validation; `issues` names
 * each field.
 */
export class ValidationError extends HttpError {
  constructor(issues: Issues, message = "Insertion failure: 1 document(s) contain(s) error(s)") {
    super(400, message, { issues });
    this.name = "ValidationError";
  }
}

/** 400 for a bulk POST: one status per document, Eve's `_items` of `{_status, _issues?}`. */
export class BulkValidationError extends HttpError {
  readonly items: Array<{ _status: "OK" | "ERR"; _issues?: Issues }>;
  constructor(items: Array<{ _status: "OK" | "ERR"; _issues?: Issues }>) {
    const failed = items.filter((item) => item._status === "ERR").length;
    super(400, `Insertion failure: ${failed} document(s) contain(s) error(s)`);
    this.name = "BulkValidationError";
    this.items = items;
  }
}

/** 409: a document with that id (or unique value) exists already. */
export class ConflictError extends HttpError {
  constructor(message: string, { issues }: { issues?: Issues } = {}) {
    super(409, message, { issues });
    this.name = "ConflictError";
  }
}

/** 428: a write on an existing item without `If-Match`. */
export class PreconditionRequiredError extends HttpError {
  constructor(message = "To edit a document its etag must be provided using the If-Match header") {
    super(428, message);
    this.name = "PreconditionRequiredError";
  }
}

/** 412: the client's `If-Match` etag is not the stored one. */
export class EtagMismatchError extends HttpError {
  constructor(message = "Client and server etags don't match") {
    super(412, message);
    this.name = "EtagMismatchError";
  }
}

/** 401: no valid credentials. */
export class UnauthorizedError extends HttpError {
  constructor(message = "Please provide proper credentials", { issues }: { issues?: Issues } = {}) {
    super(401, message, { issues });
    this.name = "UnauthorizedError";
  }
}

/** 403: authenticated, but not allowed. */
export class ForbiddenError extends HttpError {
  constructor(message: string, { issues }: { issues?: Issues } = {}) {
    super(403, message, { issues });
    this.name = "ForbiddenError";
  }
}

/**
 * 503: an engine is unreachable, overloaded or too slow for this request; nothing was done that
 * the client cannot retry. Carries `Retry-After`.
 */
export class ServiceUnavailableError extends HttpError {
  constructor(message: string, { retryAfterSeconds = 5 }: { retryAfterSeconds?: number } = {}) {
    super(503, message, { headers: { "Retry-After": String(retryAfterSeconds) } });
    this.name = "ServiceUnavailableError";
  }
}

/** A bad configuration value: names the variable and the expected form. Fails at start. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
    this.variable = variable;
  }
}

/** A bad command line: names the offending flag, role or command and lists the valid ones. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * What Eve makes of an error raised by a PATCH or PUT hook (`on_update`, `on_replace`): a 400
 * whose `_issues` hold `{"validator exception": "<status>: <message>"}` (Superdesk's client shows
 * that text). Validation errors, aborts and anything not an `HttpError` pass unchanged.
 */
export function asValidatorException(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  if (
    error instanceof ValidationError || error instanceof BulkValidationError ||
    error instanceof AbortError || error instanceof EtagMismatchError
  ) {
    return error;
  }
  return new ValidationError(
    { "validator exception": `${error.status}: ${error.message}` },
    error.message,
  );
}
