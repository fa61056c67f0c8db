/**
 * Serves a stored binary (Superdesk's `generate_response_for_file`): its type and length, a
 * strong ETag from its id (a media id never names other bytes), Last-Modified, a month of
 * caching (private: the route needs a session) and `Content-Disposition` inline, or attachment
 * with `?download=true`. A matching `If-None-Match` is a 304 without the body.
 */
import { httpDate } from "../http/http_date.ts";
import type { MediaFile } from "./media_storage.ts";

const CACHE_SECONDS = 30 * 24 * 3600;

/** The response for `file` to a request with these headers and query. */
export function rawMediaResponse(
  file: MediaFile,
  { ifNoneMatch, download }: { ifNoneMatch?: string; download: boolean },
): Response {
  const etag = `"${file._id}"`;
  const headers: Record<string, string> = {
    "ETag": etag,
    "Last-Modified": httpDate(new Date(file.uploadDate)),
    "Cache-Control": `private, max-age=${CACHE_SECONDS}`,
  };
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag === "*")) {
    return new Response(null, { status: 304, headers });
  }
  const name = file.filename.replace(/["\\\r\n]/g, "_");
  headers["Content-Type"] = file.contentType;
  headers["Content-Length"] = String(file.length);
  headers["Content-Disposition"] = `${download ? "attachment" : "inline"}; filename="${name}"`;
  return new Response(file.body(), { status: 200, headers });
}
