/**
 * A copy of a served request with another body, for middleware that reads or limits the body
 * before the routes run. Built from the URL, method and headers, not derived from the original
 * (`new Request(original, init)`): deriving reads the original's `signal`, and Deno prints its
 * "request.signal aborts on successful responses (legacy behavior)" notice into the server's
 * stderr the first time a served request's signal is read. The copy's signal never aborts (no
 * route watches it). The Fetch standard's `Request` refuses CONNECT, TRACE and TRACK and rewrites
 * the case of a few methods (`post` becomes `POST`); it also parses the URL, which a served
 * request holds as sent (its authority from the `Host` header): one that does not parse (`Host:
 * x:99999`) would throw, one the parser rewrites (`Host: X:80`, `?q='a'`) would reach the routes
 * rewritten. A request with any such method or URL is derived instead, so every request reaches
 * the routes exactly as the client sent it.
 */

/** Methods `new Request(url, { method })` takes and keeps unchanged. */
function buildable(method: string): boolean {
  return method === method.toUpperCase() && method !== "CONNECT" && method !== "TRACE" &&
    method !== "TRACK";
}

/** `original` with `body` (a stream is sent half-duplex, as the Fetch standard requires). */
export function requestWithBody(original: Request, body: BodyInit): Request {
  const init = { body, duplex: "half" } as RequestInit;
  const { url, method } = original;
  const copy = buildable(method)
    ? built(url, { ...init, method, headers: original.headers })
    : null;
  return copy?.url === url ? copy : new Request(original, { ...init, signal: null });
}

/** `new Request(url, init)`, or null for a URL it refuses. */
function built(url: string, init: RequestInit): Request | null {
  try {
    return new Request(url, init);
  } catch {
    return null;
  }
}
