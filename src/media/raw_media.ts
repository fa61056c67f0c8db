/**
 * Serves a stored binary (Superdesk's `generate_response_for_file`): its type and length, a
 * strong ETag from its id (a media id never names other bytes), Last-Modified, a month of
 * caching (private: the route needs a session) and `Content-Disposition` inline, or attachment
 * with `?download=true`. A matching `If-None-Match` is a 304 without the body. One byte range
 * (`Range: bytes=a-b`, `a-`, `-n`) is a 206, as Superdesk's `make_conditional` (video seeking);
 * an unsatisfiable one a 416; several ranges, or an `If-Range` naming other bytes, get it all.
 * Files are anyone's uploads served from the API's origin: only pictures (not SVG), audio, video
 * and PDF are shown inline, anything else (HTML, SVG, XML ...) is an attachment, and no browser
 * may read a file as another type than the one stored (`nosniff`): no upload runs as a page.
 */
import { httpDate } from "../http/http_date.ts";
import { errorBody } from "../http/error_body.ts";
import type { ByteRange, MediaFile } from "./media_storage.ts";

const CACHE_SECONDS = 30 * 24 * 3600;

/** Types a browser shows without running anything of the file's own. */
const INLINE_TYPES = /^(image\/(?!svg)|audio\/|video\/|application\/pdf$)/i;

/** The response for `file` to a request with these headers and query. */
export function rawMediaResponse(
  file: MediaFile,
  { ifNoneMatch, download, range, ifRange }: {
    ifNoneMatch?: string;
    download: boolean;
    range?: string;
    ifRange?: string;
  },
): Response {
  const etag = `"${file._id}"`;
  const headers: Record<string, string> = {
    "ETag": etag,
    "Last-Modified": httpDate(new Date(file.uploadDate)),
    "Cache-Control": `private, max-age=${CACHE_SECONDS}`,
    "Accept-Ranges": "bytes",
    "X-Content-Type-Options": "nosniff",
  };
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag === "*")) {
    return new Response(null, { status: 304, headers });
  }
  const name = file.filename.replace(/["\\\r\n]/g, "_");
  headers["Content-Type"] = file.contentType;
  const inline = !download && INLINE_TYPES.test(file.contentType);
  headers["Content-Disposition"] = `${inline ? "inline" : "attachment"}; filename="${name}"`;
  const wanted = range && (!ifRange || ifRange.trim() === etag)
    ? byteRange(range, file.length)
    : undefined;
  if (wanted === "unsatisfiable") {
    const message = `The range "${range}" is outside the file's ${file.length} bytes`;
    return new Response(JSON.stringify(errorBody(416, message)), {
      status: 416,
      headers: { "Content-Type": "application/json", "Content-Range": `bytes */${file.length}` },
    });
  }
  if (wanted) {
    headers["Content-Length"] = String(wanted.end - wanted.start + 1);
    headers["Content-Range"] = `bytes ${wanted.start}-${wanted.end}/${file.length}`;
    return new Response(file.body(wanted), { status: 206, headers });
  }
  headers["Content-Length"] = String(file.length);
  return new Response(file.body(), { status: 200, headers });
}

/** The one range `header` asks of `length` bytes; undefined for several or a malformed one. */
function byteRange(header: string, length: number): ByteRange | "unsatisfiable" | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  const [, first, last] = match;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || length === 0) return "unsatisfiable";
    return { start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(first);
  const end = last === "" ? length - 1 : Math.min(Number(last), length - 1);
  if (start >= length || start > end) return "unsatisfiable";
  return { start, end };
}
