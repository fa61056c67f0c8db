/**
 * JSON on the wire: dates in Superdesk's `DATE_FORMAT` (`src/wire_date.ts`), `application/json`,
 * and Superdesk's `Cache-Control` (`max-age=0, no-cache`) on every JSON answer.
 */
import { withWireDates } from "../wire_date.ts";

/** Superdesk's `CACHE_CONTROL`: clients revalidate every read (ETag / If-Modified-Since). */
export const CACHE_CONTROL = "max-age=0, no-cache";

/** Serialises `body` with wire dates. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(withWireDates(body));
}

/** A JSON Response with wire dates; `headers` names are written as given (no case folding). */
export function wireJson(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  // One header list built once: setting headers on a constructed Response costs more.
  return new Response(toWireJson(body), {
    status,
    headers: { ...headers, "Content-Type": "application/json", "Cache-Control": CACHE_CONTROL },
  });
}

/**
 * A JSON Response for a body already in wire form (no `Date` inside, e.g. search hits rendered
 * from the index): the date walk's copy would cost more than the serialisation itself.
 */
export function wireReadyJson(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, "Content-Type": "application/json", "Cache-Control": CACHE_CONTROL },
  });
}
