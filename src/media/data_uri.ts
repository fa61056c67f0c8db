/**
 * Files given as `data:` URIs (Superdesk's `download_file_from_encoded_str`, which the web
 * client's avatar cropper sends in `URL`); other URLs are fetched by `url_fetch.ts`.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import type { IncomingFile } from "./media_intake.ts";

/** Whether `url` is a `data:` URI. */
export function isDataUri(url: string): boolean {
  return /^data:/i.test(url.trim());
}

/** The file in `url` (a base64 or percent-encoded `data:` URI), up to `maxBytes`. */
export function fileFromDataUri(url: string, maxBytes: number): IncomingFile {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(url.trim());
  if (!match) {
    throw new BadRequestError("Malformed data: URI", { issues: { URL: "malformed" } });
  }
  const [, type, base64, data] = match;
  const estimate = base64 ? Math.floor((data!.length * 3) / 4) : data!.length;
  if (estimate > maxBytes) {
    throw new HttpError(413, `The file is larger than ${maxBytes} bytes (MEDIA_MAX_BYTES)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = base64
      ? Uint8Array.from(atob(data!.replace(/\s+/g, "")), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(data!));
  } catch {
    throw new BadRequestError("Malformed data: URI", { issues: { URL: "malformed" } });
  }
  if (bytes.byteLength === 0) throw new BadRequestError("The media file is empty");
  return { bytes, filename: "upload", declaredType: type?.split(";")[0] || undefined };
}
