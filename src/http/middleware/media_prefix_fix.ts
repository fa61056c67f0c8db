/**
 * Superdesk's `MEDIA_PREFIXES_TO_FIX`: once media have moved (a new bucket, a new MEDIA_PREFIX),
 * the hrefs stored with an earlier prefix are shown with the current one in every JSON answer, as
 * Superdesk's `after_request` hook rewrites its responses, so stored items need no migration.
 */
import type { MiddlewareHandler } from "hono";

/** Rewrites `earlier` prefixes to `current` in JSON answers. */
export function fixMediaPrefixes(
  { current, earlier }: { current: string; earlier: readonly string[] },
): MiddlewareHandler {
  return async function fixMediaPrefixes(c, next) {
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (!/^application\/([\w.-]+\+)?json/.test(type)) return;
    let text = await c.res.text();
    for (const prefix of earlier) text = text.replaceAll(prefix, current);
    const headers = new Headers(c.res.headers);
    headers.delete("content-length");
    const { status, statusText } = c.res;
    // Unset first: Hono copies the old answer's headers (its length) onto a replacement.
    c.res = undefined;
    c.res = new Response(text, { status, statusText, headers });
  };
}
