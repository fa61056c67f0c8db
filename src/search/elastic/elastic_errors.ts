/**
 * Turns Elasticsearch client errors into the project's error vocabulary: a request the engine
 * rejects (4xx) becomes `BadRequestError` carrying Elasticsearch's own reason; an engine that
 * cannot be reached or read, or that refuses the server's own credentials, becomes a 503, so
 * neither ever surfaces as a bare 500.
 */
import { errors } from "@elastic/elasticsearch";
import { BadRequestError, type HttpError, ServiceUnavailableError } from "../../errors.ts";
import type { Logger } from "../../log.ts";

/** The most specific reason Elasticsearch gave (`root_cause[0].reason` first). */
export function elasticReason(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    return bodyReason(error.meta.body) ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The most specific reason in an Elasticsearch error body, if it names one. */
export function bodyReason(body: unknown): string | undefined {
  const detail = (body as { error?: unknown } | undefined)?.error;
  if (typeof detail === "string") return detail;
  if (!detail || typeof detail !== "object") return undefined;
  const { root_cause: roots, reason, caused_by: causedBy } = detail as {
    root_cause?: Array<{ reason?: string }>;
    reason?: string;
    caused_by?: { reason?: string };
  };
  return roots?.[0]?.reason ?? causedBy?.reason ?? reason;
}

/** The HTTP status of a response error, or undefined for transport failures. */
export function elasticStatus(error: unknown): number | undefined {
  return error instanceof errors.ResponseError ? error.meta.statusCode ?? undefined : undefined;
}

/** The error type Elasticsearch named (`index_not_found_exception`...), if any. */
export function elasticErrorType(error: unknown): string | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  const detail = (error.meta.body as { error?: { type?: string } } | undefined)?.error;
  return typeof detail === "object" ? detail?.type : undefined;
}

/** True when the engine could not be reached at all (no HTTP answer). */
export function isUnavailable(error: unknown): boolean {
  return error instanceof errors.ConnectionError || error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError;
}

/**
 * Maps a search that got no readable answer to 503 (unreachable, timed out, an answer over the
 * connection's size limit); other errors pass.
 */
export function toSearchError(error: unknown): unknown {
  if (isUnavailable(error) || error instanceof errors.RequestAbortedError) {
    return new ServiceUnavailableError(`Search is unavailable: ${elasticReason(error)}`);
  }
  return error;
}

/**
 * The error of a search Elasticsearch answered with `status` (>= 400): 400 carrying its reason
 * for a 4xx (the request is wrong), 503 for a 5xx or a 429 (the engine cannot answer now), and
 * for a 401 or 403: the server's credentials are wrong, which the client can do nothing about;
 * that reason is logged, not shown.
 */
export function searchStatusError(
  status: number,
  reason: string,
  { log }: { log?: Logger } = {},
): HttpError {
  if (status === 401 || status === 403) {
    log?.error("Elasticsearch refused a search", { status, reason });
    return new ServiceUnavailableError(
      "Search is unavailable: Elasticsearch refused the server's credentials",
    );
  }
  return status < 500 && status !== 429
    ? new BadRequestError(`Invalid search: ${reason}`)
    : new ServiceUnavailableError(`Search is unavailable: ${reason}`);
}
