/**
 * A provider's poll status as the client sees it: when it was last polled completely, when items last
 * arrived, how many, the last error and the most recent ones (Superdesk logs these; we keep
 * them on the provider), the consecutive failures that drive backoff, and closing the provider
 * when an error's code is one of its `critical_errors`.
 */
import type { Doc } from "../storage/document_store.ts";
import type { IngestError } from "./ingest_error.ts";

/** How many recent errors a provider keeps. */
const RECENT_ERRORS = 20;
/** Longest wait between polls of a failing provider. */
const MAX_BACKOFF_MS = 60 * 60_000;

/** One recorded error. */
export function errorRecord(error: IngestError, now: Date, payload?: string): Doc {
  return {
    code: error.code,
    message: error.message,
    time: now.toISOString(),
    payload: payload ?? null,
  };
}

/** `recent` with `records` added, newest first, bounded. */
export function withRecentErrors(recent: unknown, records: Doc[]): Doc[] {
  const previous = Array.isArray(recent) ? recent as Doc[] : [];
  return [...records.slice().reverse(), ...previous].slice(0, RECENT_ERRORS);
}

/** The provider's poll interval in milliseconds (`update_schedule`, default 5 minutes). */
export function pollIntervalMs(provider: Doc): number {
  const schedule = (provider.update_schedule ?? { minutes: 5 }) as Doc;
  const ms = (Number(schedule.hours ?? 0) * 3600 + Number(schedule.minutes ?? 0) * 60 +
    Number(schedule.seconds ?? 0)) * 1000;
  return ms > 0 ? ms : 5 * 60_000;
}

/**
 * When the provider was last polled: the last complete poll (`last_updated`) or, after failures
 * (which leave `last_updated` alone), the last failure's time.
 */
function lastPolled(provider: Doc): number | undefined {
  const complete = provider.last_updated instanceof Date
    ? provider.last_updated.getTime()
    : undefined;
  if (Number(provider.error_count ?? 0) === 0) return complete;
  const error = provider.last_error as Doc | null | undefined;
  const time = error?.time;
  const failed = time instanceof Date
    ? time.getTime()
    : typeof time === "string"
    ? Date.parse(time)
    : NaN;
  if (Number.isNaN(failed)) return complete;
  return complete === undefined ? failed : Math.max(complete, failed);
}

/** True when the provider is open and its next poll (with backoff after failures) is due. */
export function isDue(provider: Doc, now: Date): boolean {
  if (provider.is_closed === true) return false;
  const last = lastPolled(provider);
  if (last === undefined) return true;
  const failures = Math.min(Number(provider.error_count ?? 0), 10);
  const wait = Math.min(
    pollIntervalMs(provider) * 2 ** failures,
    Math.max(MAX_BACKOFF_MS, pollIntervalMs(provider)),
  );
  return last + wait <= now.getTime();
}

/** The closing fields when `error` is critical for the provider, else undefined. */
export function closingFor(provider: Doc, error: IngestError, now: Date): Doc | undefined {
  const critical = provider.critical_errors as Record<string, boolean> | null | undefined;
  if (!critical?.[String(error.code)]) return undefined;
  return {
    is_closed: true,
    last_closed: {
      closed_at: now.toISOString(),
      closed_by: null,
      message: `Channel closed due to critical error: ${error.message}`,
    },
  };
}
