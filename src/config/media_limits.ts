/**
 * The body limits of the media upload routes: a multipart body carries the file plus its form
 * fields and part headers, so it may exceed the file limit by a margin (the file itself is
 * checked against `MEDIA_MAX_BYTES` as it is stored). `/api/archive` takes large bodies only
 * as multipart (a picture upload), `/api/attachments` too (a file); their JSON bodies keep
 * `MAX_BODY_BYTES`.
 */

/** Room for the form's other fields and part headers. */
const FORM_MARGIN_BYTES = 64 * 1024;

/** The `routeBodyBytes` entries for a media limit of `mediaMaxBytes`. */
export function mediaRouteLimits(mediaMaxBytes: number) {
  const maxBytes = mediaMaxBytes + FORM_MARGIN_BYTES;
  return Object.freeze([
    { prefix: "/api/upload", maxBytes },
    { prefix: "/api/archive", maxBytes, contentType: /^multipart\/form-data\b/i },
    { prefix: "/api/attachments", maxBytes, contentType: /^multipart\/form-data\b/i },
  ]);
}
