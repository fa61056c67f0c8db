/**
 * A macro run's failure as the Superdesk web client shows it: its `macros.call` (`triggerMacro`
 * in `scripts/apps/authoring/macros/macros.ts`) reads nothing but the error's `_message`, parses
 * it as a JSON list and shows each entry; a plain text `_message` fails that parse and the user
 * sees nothing. Superdesk's own `validate_for_publish` raises such a list; every other macro
 * error there is a 500 whose text the client cannot parse. Here every failure of a run answers
 * its status with `_message` a JSON list of readable messages (`_error.message` keeps the text
 * for other clients).
 */
import { AppFailure } from "../app_failure.ts";
import { HttpError, ValidationError } from "../errors.ts";
import type { Logger } from "../log.ts";

/**
 * `error`, thrown while running `macro`, as the answer the client shows: an `HttpError` keeps
 * its status, issues and headers; anything else (the macro's bug, an `AppFailure`) is a 500
 * saying the macro failed, its cause written to `log` as `on_error.ts` writes it.
 */
export function macroRunError(
  error: unknown,
  { macro, log }: { macro: string; log: Logger },
): HttpError {
  if (!(error instanceof HttpError)) {
    if (error instanceof AppFailure) {
      log.error("app failed", { app: error.app, where: error.where, error: error.cause });
    } else log.error("unhandled error", { error });
    const message = `Macro "${macro}" failed on the server; the server log has the cause`;
    return new HttpError(500, message, { extra: { _message: JSON.stringify([message]) } });
  }
  return new HttpError(error.status, error.message, {
    issues: error.issues,
    headers: error.headers,
    extra: { ...error.extra, _message: JSON.stringify(messagesOf(error)) },
  });
}

/**
 * What to show for `error`: the list its message already is (a `validate_for_publish` answer),
 * a validation error's issues one by one (`macro: unallowed value x`), else its message.
 */
function messagesOf(error: HttpError): string[] {
  const listed = stringList(error.message);
  if (listed) return listed;
  if (error instanceof ValidationError && error.issues) {
    return Object.entries(error.issues).map(([field, issue]) =>
      `${field}: ${typeof issue === "string" ? issue : JSON.stringify(issue)}`
    );
  }
  return [error.message];
}

/** `text` as a non-empty JSON list of strings, else undefined. */
function stringList(text: string): string[] | undefined {
  if (!text.startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
