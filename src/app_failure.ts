/**
 * Containment of app code (src/apps/): whatever an app's hook, route, macro, task or command
 * throws that is not a deliberate `HttpError` becomes an `AppFailure` naming the app and the
 * place, so the request fails with a JSON 500 (`on_error.ts` logs the app's name) and the
 * process keeps serving. Core modules are apps too, so their failures are named the same way.
 */
import { HttpError } from "./errors.ts";

/** An app's code failed unexpectedly; `cause` is what it threw. */
export class AppFailure extends Error {
  /** The app's name (`defineApp({name})`). */
  readonly app: string;
  /** Where it failed, e.g. `onCreate of "fact_checks"` or `task "fact_checks:scan"`. */
  readonly where: string;
  constructor(app: string, where: string, cause: unknown) {
    super(`App "${app}" failed in ${where}: ${messageOf(cause)}`, { cause });
    this.name = "AppFailure";
    this.app = app;
    this.where = where;
  }
}

/** `error` as it should leave app code: HttpErrors and failures already named pass unchanged. */
export function asAppFailure(app: string, where: string, error: unknown): unknown {
  if (error instanceof HttpError || error instanceof AppFailure) return error;
  return new AppFailure(app, where, error);
}

/** Runs `fn` (app code); an unexpected error is rethrown as an `AppFailure` naming `app`. */
export async function contain<T>(app: string, where: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asAppFailure(app, where, error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
