/**
 * The uploads' service: deleting an upload deletes its file and its renditions' files (Eve
 * deletes the `media` file of a deleted document; the renditions would otherwise stay behind),
 * except those an item still shows (`media_references.ts`: they go with the last such item).
 * It holds what the upload routes share with other media uploads (attachments): the intake and
 * the bound on uploads received at once.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { MediaIntake } from "./media_intake.ts";
import { mediaIdsOf } from "./media_ids.ts";
import type { MediaReferences } from "./media_references.ts";
import type { UploadSlots } from "./upload_slots.ts";

export class UploadService extends ResourceService {
  readonly intake: MediaIntake;
  /** MEDIA_MAX_UPLOADS, shared by every route that receives a file. */
  readonly slots: UploadSlots;
  readonly #references: MediaReferences;

  constructor(
    definition: ResourceDefinition,
    ctx: ServiceContext,
    { intake, slots, references }: {
      intake: MediaIntake;
      slots: UploadSlots;
      references: MediaReferences;
    },
  ) {
    super(definition, ctx);
    this.intake = intake;
    this.slots = slots;
    this.#references = references;
  }

  protected override async onDeleted(doc: Doc, _actor: Actor): Promise<void> {
    await this.#references.collect(mediaIdsOf(doc));
  }
}
