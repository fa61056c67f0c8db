/**
 * Turns MongoDB driver failures that say "the engine is not there or not answering in time"
 * into the project's 503 (`ServiceUnavailableError`, with `Retry-After`), so an outage is never
 * a 500: a lost connection, no server to select, a server shutting down or stepping down, a
 * query over its time limit. Everything else (duplicate keys, bad input) passes unchanged.
 */
import {
  MongoBulkWriteError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";
import { ServiceUnavailableError } from "../../errors.ts";

/** Server codes meaning "not available now" (shutdown, failover, network, interruption). */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** The server's code for a query stopped by `maxTimeMS`. */
const MAX_TIME_EXPIRED = 50;

/** Whether `error` says the engine is not there or not answering now (see the module doc). */
export function isOutage(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError || error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError || error instanceof MongoTopologyClosedError ||
    error instanceof MongoServerClosedError
  ) {
    return true;
  }
  if (error instanceof MongoError && error.hasErrorLabel("RetryableWriteError")) return true;
  if (error instanceof MongoServerError && UNAVAILABLE_CODES.has(Number(error.code))) return true;
  // A bulk write cut short by the outage carries the network error as its response.
  if (error instanceof MongoBulkWriteError) {
    const { errorResponse, cause } = error as { errorResponse?: unknown; cause?: unknown };
    return isOutage(errorResponse) || (cause !== undefined && isOutage(cause));
  }
  return false;
}

/** The 503 for an outage or a query over its time limit; `error` itself otherwise. */
export function toStoreError(error: unknown, { queryTimeMs }: { queryTimeMs: number }): unknown {
  if (error instanceof MongoServerError && error.code === MAX_TIME_EXPIRED) {
    return new ServiceUnavailableError(
      `The query ran longer than the ${queryTimeMs} ms allowed; narrow it or retry later`,
      { retryAfterSeconds: 1 },
    );
  }
  if (isOutage(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ServiceUnavailableError(`The document store is unavailable: ${reason}`);
  }
  return error;
}

/** `target` with every method's rejection passed through `toStoreError`. */
export function mappingErrors<T extends object>(target: T, options: { queryTimeMs: number }): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    wrapped[name] = typeof value !== "function" ? value : async (...args: unknown[]) => {
      try {
        return await value.apply(target, args);
      } catch (error) {
        throw toStoreError(error, options);
      }
    };
  }
  return wrapped as T;
}
