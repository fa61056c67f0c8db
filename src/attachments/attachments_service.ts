/**
 * Attachments (Superdesk's `AttachmentsService`): a new one is its uploader's (`user`), and one
 * naming a stored binary (`media`) takes its file name, type and length unless given (an
 * unknown binary is a 400). Clients read `media` as Superdesk renders a media field
 * (`RETURN_MEDIA_AS_URL`, `EXTENDED_MEDIA_INFO`): `{_id, file, content_type, name, length}`,
 * `file` being its download URL.
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

export class AttachmentsService extends ResourceService {
  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      doc.user = actor.userId ?? null;
      if (doc.user === null) delete doc.user;
      doc.internal ??= false;
      if (typeof doc.media !== "string") continue;
      const file = await this.ctx.media.get(doc.media);
      if (!file) {
        throw new BadRequestError(`Cannot attach media "${doc.media}": there is no such file`, {
          issues: { media: "not found" },
        });
      }
      doc.filename ??= file.filename.split(/[\\/]/).pop();
      doc.mimetype ??= file.contentType;
      doc.length ??= file.length;
    }
  }

  override toPublic(doc: Doc): Doc {
    const out = super.toPublic(doc);
    if (typeof doc.media !== "string") return out;
    return {
      ...out,
      media: {
        _id: doc.media,
        file: `${this.ctx.config.mediaPrefix}/${doc.media}`,
        content_type: doc.mimetype ?? null,
        name: doc.filename ?? null,
        length: doc.length ?? null,
      },
    };
  }
}
