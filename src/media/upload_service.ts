/**
 * The uploads' service: deleting an upload deletes its file and its renditions' files (Eve
 * deletes the `media` file of a deleted document; the renditions would otherwise stay behind).
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { MediaIntake } from "./media_intake.ts";
import { mediaIdsOf } from "./media_ids.ts";

export class UploadService extends ResourceService {
  readonly intake: MediaIntake;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, intake: MediaIntake) {
    super(definition, ctx);
    this.intake = intake;
  }

  protected override async onDeleted(doc: Doc, _actor: Actor): Promise<void> {
    await this.intake.remove(mediaIdsOf(doc));
  }
}
