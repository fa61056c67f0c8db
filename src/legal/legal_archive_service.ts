/**
 * `legal_archive` (Superdesk's `LegalArchiveService`): a package's references point into the
 * legal archive, reads say `_type: legal_archive`, and `?version=` reads the versions the legal
 * import wrote (`legal_archive_versions`).
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { LegalVersions } from "./legal_versions.ts";

export class LegalArchiveService extends ResourceService {
  override readonly versions: LegalVersions;

  constructor(definition: ResourceDefinition, ctx: ServiceContext) {
    super(definition, ctx);
    this.versions = new LegalVersions(definition, ctx.documents);
  }

  protected override onCreate(docs: Doc[]) {
    for (const doc of docs) pointRefsHere(doc);
  }

  protected override onReplace(doc: Doc) {
    pointRefsHere(doc);
  }

  override toPublic(doc: Doc): Doc {
    return { ...super.toPublic(doc), _type: "legal_archive" };
  }
}

/** Superdesk's `_change_location_of_items_in_package`. */
function pointRefsHere(doc: Doc) {
  if (doc.type !== "composite" || !Array.isArray(doc.groups)) return;
  for (const group of doc.groups as Doc[]) {
    for (const ref of Array.isArray(group?.refs) ? group.refs as Doc[] : []) {
      if (ref && typeof ref === "object" && "residRef" in ref) ref.location = "legal_archive";
    }
  }
}
