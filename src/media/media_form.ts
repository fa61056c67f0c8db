/**
 * Reads a media upload's `multipart/form-data` body as it arrives (`multipart_stream.ts`): the
 * `media` file part goes straight to media storage (`MediaIntake.receive`, MEDIA_MAX_BYTES
 * enforced while it streams), the text fields beside it are kept. The body as a whole was
 * limited on its way in (`routeBodyBytes`); a failure after the file was stored removes it.
 */
import { BadRequestError } from "../errors.ts";
import type { MediaIntake } from "./media_intake.ts";
import type { ReceivedMedia } from "./receive_file.ts";
import { boundaryOf, fieldText, formParts } from "./multipart_stream.ts";

/** The bytes an upload form's text fields hold together at most. */
const MAX_TEXT_BYTES = 64 * 1024;

/** A received upload form. */
export interface MediaForm {
  received?: ReceivedMedia;
  fields: Record<string, string>;
}

/** True when `request` carries a multipart form. */
export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
}

/** Receives the form of `request` (400 when it is not a well-formed multipart form). */
export async function receiveMediaForm(
  request: Request,
  intake: Pick<MediaIntake, "receive" | "remove">,
  maxBytes: number,
): Promise<MediaForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!isMultipart(request) || !request.body) {
    throw new BadRequestError("A multipart/form-data body with a `media` file is required");
  }
  const fields: Record<string, string> = {};
  const text = { max: MAX_TEXT_BYTES, left: MAX_TEXT_BYTES };
  let received: ReceivedMedia | undefined;
  try {
    for await (const part of formParts(request.body, boundaryOf(contentType))) {
      if (part.filename === undefined) {
        fields[part.name] = await fieldText(part, text);
      } else if (part.name === "media" && !received) {
        received = await intake.receive({
          body: part.body,
          filename: part.filename || "upload",
          declaredType: part.contentType || undefined,
        }, maxBytes);
      }
    }
  } catch (error) {
    if (received) await intake.remove([received.id]);
    throw error;
  }
  return { received, fields };
}
