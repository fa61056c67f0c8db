/**
 * Reads a media upload's `multipart/form-data` body: the `media` file part and the text fields
 * beside it. The body was limited on its way in (`routeBodyBytes`, MEDIA_MAX_BYTES plus a
 * margin for the form); the file itself is checked against MEDIA_MAX_BYTES here. The runtime
 * parses the form in memory, so one upload holds at most that much.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import type { IncomingFile } from "./media_intake.ts";

/** A parsed upload form. */
export interface MediaForm {
  file?: IncomingFile;
  fields: Record<string, string>;
}

/** True when `request` carries a multipart form. */
export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
}

/** The form of `request` (400 when it is not a well-formed multipart form). */
export async function readMediaForm(request: Request, maxBytes: number): Promise<MediaForm> {
  if (!isMultipart(request)) {
    throw new BadRequestError("A multipart/form-data body with a `media` file is required");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    // A body cut by the size limit is answered 413 by the limits middleware.
    if (error instanceof HttpError) throw error;
    throw new BadRequestError("Malformed multipart/form-data body");
  }
  const fields: Record<string, string> = {};
  let file: IncomingFile | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      fields[name] = value;
      continue;
    }
    if (name !== "media") continue;
    if (value.size > maxBytes) {
      throw new HttpError(413, `The file is larger than ${maxBytes} bytes (MEDIA_MAX_BYTES)`);
    }
    if (value.size === 0) throw new BadRequestError("The media file is empty");
    file = {
      bytes: new Uint8Array(await value.arrayBuffer()),
      filename: value.name || "upload",
      declaredType: value.type || undefined,
    };
  }
  return { file, fields };
}
