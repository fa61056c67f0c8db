/**
 * JSON on the wire: dates as RFC 1123 strings (Eve's DATE_FORMAT), `application/json`.
 */

/** Serialises `body` with dates in RFC 1123. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.toUTCString() : value;
  });
}

/** A JSON Response with wire dates. */
export function wireJson(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const response = new Response(toWireJson(body), { status, headers });
  response.headers.set("Content-Type", "application/json");
  return response;
}
