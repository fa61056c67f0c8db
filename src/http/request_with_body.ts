/**
 * A copy of a served request with another body, for middleware that reads or limits the body
 * before the routes run. Built from the URL, method and headers, not derived from the original
 * (`new Request(original, init)`): deriving reads the original's `signal`, and Deno prints its
 * "request.signal aborts on successful responses (legacy behavior)" notice into the server's
 * stderr the first time a served request's signal is read. The copy's signal never aborts (no
 * route watches it). The Fetch standard's `Request` refuses CONNECT, TRACE and TRACK and rewrites
 * the case of a few methods (`post` becomes `POST`): a request with any such method is derived
 * instead, so every method reaches the routes exactly as the client sent it.
 */

/** Methods `new Request(url, { method })` takes and keeps unchanged. */
function buildable(method: string): boolean {
  return method === method.toUpperCase() && method !== "CONNECT" && method !== "TRACE" &&
    method !== "TRACK";
}

/** `original` with `body` (a stream is sent half-duplex, as the Fetch standard requires). */
export function requestWithBody(original: Request, body: BodyInit): Request {
  const init = { body, duplex: "half" } as RequestInit;
  if (!buildable(original.method)) return new Request(original, { ...init, signal: null });
  return new Request(original.url, { ...init, method: original.method, headers: original.headers });
}
