/**
 * Turns Elasticsearch client errors into the project's error vocabulary: a request the engine
 * rejects (4xx) becomes `BadRequestError` carrying Elasticsearch's own reason; an engine that
 * cannot be reached becomes a 503, so neither ever surfaces as a bare 500.
 */
import { errors } from "@elastic/elasticsearch";
import { BadRequestError, ServiceUnavailableError } from "../../errors.ts";

/** The most specific reason Elasticsearch gave (`root_cause[0].reason` first). */
export function elasticReason(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    const body = error.meta.body as { error?: unknown } | undefined;
    const detail = body?.error;
    if (typeof detail === "string") return detail;
    if (detail && typeof detail === "object") {
      const { root_cause: roots, reason, caused_by: causedBy } = detail as {
        root_cause?: Array<{ reason?: string }>;
        reason?: string;
        caused_by?: { reason?: string };
      };
      const root = roots?.[0]?.reason;
      return root ?? causedBy?.reason ?? reason ?? error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
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

/** Maps a failed search to 400 (engine reason) or 503 (unreachable); other errors pass. */
export function toSearchError(error: unknown): unknown {
  const status = elasticStatus(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return new BadRequestError(`Invalid search: ${elasticReason(error)}`);
  }
  if (isUnavailable(error) || (status !== undefined && status >= 500)) {
    return new ServiceUnavailableError(`Search is unavailable: ${elasticReason(error)}`);
  }
  return error;
}
