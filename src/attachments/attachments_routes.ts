/**
 * `POST /api/attachments` with a multipart `media` file (Superdesk's upload of an attachment):
 * the file is stored as it is (no renditions) and the attachment made with the form's fields;
 * JSON bodies go on to the generic route (an attachment of a binary already stored).
 */
import { BadRequestError } from "../errors.ts";
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { isMultipart, readMediaForm } from "../media/media_form.ts";
import { sniffType } from "../media/sniff_type.ts";
import type { MediaStorage } from "../media/media_storage.ts";

/** Builds the router. */
export function attachmentsRoutes(
  { attachments, media, maxBytes }: {
    attachments: ResourceService;
    media: MediaStorage;
    maxBytes: number;
  },
) {
  const routes = createRouter();
  routes.post("/attachments", async (c, next) => {
    if (!isMultipart(c.req.raw)) return await next();
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    const { file, fields } = await readMediaForm(c.req.raw, maxBytes);
    if (!file) throw new BadRequestError("No media found", { issues: { media: "required" } });
    const filename = file.filename.split(/[\\/]/).pop() || "attachment";
    const stored = await media.put(file.bytes, {
      contentType: sniffType(file.bytes.subarray(0, 64), file.declaredType),
      filename,
    });
    try {
      const [doc] = await attachments.create([{ ...fields, media: stored._id }], actor);
      return wireJson(writeBody(attachments.definition, attachments.toPublic(doc!)), 201, {
        ETag: `"${doc!._etag}"`,
      });
    } catch (error) {
      await media.delete(stored._id);
      throw error;
    }
  });
  return routes;
}
