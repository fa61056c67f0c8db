/**
 * Request bodies read ahead (as text) by the request-limits middleware
 * (`middleware/request_limits.ts`), handed to the body readers without building a new
 * `Request`: wrapping the bytes in a new `Request` and reading it back cost about 18 µs of CPU
 * per write (its body stream), and
 * deriving it from the original (`new Request(request, ...)`) also made Deno abort the
 * original's signal, with a `DOMException`, after every answer. JSON bodies take this path, so
 * routes read them with `bodyText` (through `readJsonBody` / `optionalBody`), never with
 * `request.text()` on the consumed original.
 */

const bodies = new WeakMap<Request, string>();

/** Records the text read from `request`'s body. */
export function keepBody(request: Request, text: string): void {
  bodies.set(request, text);
}

/** The body as text: the text read ahead when there is some, else read now. */
export async function bodyText(request: Request): Promise<string> {
  return bodies.get(request) ?? await request.text();
}

/** The text read ahead from `request`'s body (a JSON one: only those are kept), if any. */
export function keptBody(request: Request): string | undefined {
  return bodies.get(request);
}

/** Whether a `Content-Type` value is JSON (`application/json`, `application/...+json`). */
export function isJsonType(type: string): boolean {
  return JSON_TYPE.test(type);
}

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b/i;
