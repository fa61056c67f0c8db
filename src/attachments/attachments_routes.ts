/**
 * `POST /api/attachments` with a multipart `media` file (Superdesk's upload of an attachment):
 * the file is stored as it is (no renditions) and the attachment made with the form's fields;
 * JSON bodies go on to the generic route (an attachment of a binary already stored). It counts
 * in MEDIA_MAX_UPLOADS with the media uploads (their slots, when the media app is installed).
 */
import { BadRequestError } from "../errors.ts";
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { isMultipart, receiveMediaForm } from "../media/media_form.ts";
import type { MediaStorage } from "../media/media_storage.ts";
import { receiveFile } from "../media/receive_file.ts";
import type { UploadSlots } from "../media/upload_slots.ts";

/** Builds the router. */
export function attachmentsRoutes(
  { attachments, media, maxBytes, slots }: {
    attachments: ResourceService;
    media: MediaStorage;
    maxBytes: number;
    slots?: UploadSlots;
  },
) {
  const routes = createRouter();
  routes.post("/attachments", async (c, next) => {
    if (!isMultipart(c.req.raw)) return await next();
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    const upload = () => receiveAttachment(c.req.raw, actor);
    return await (slots ? slots.run(upload) : upload());
  });

  const receiveAttachment = async (request: Request, actor: ReturnType<typeof callerOf>) => {
    const { received, fields } = await receiveMediaForm(request, {
      receive: (file, limit) =>
        receiveFile(media, {
          ...file,
          filename: file.filename.split(/[\\/]/).pop() || "attachment",
        }, limit),
      remove: async (ids) => {
        for (const id of ids) await media.delete(id);
      },
    }, maxBytes);
    if (!received) throw new BadRequestError("No media found", { issues: { media: "required" } });
    try {
      const [doc] = await attachments.create([{ ...fields, media: received.id }], actor);
      return wireJson(writeBody(attachments.definition, attachments.toPublic(doc!)), 201, {
        ETag: `"${doc!._etag}"`,
      });
    } catch (error) {
      await media.delete(received.id);
      throw error;
    }
  };
  return routes;
}
