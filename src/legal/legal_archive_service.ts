/**
 * `legal_archive` (Superdesk's `LegalArchiveService`): a package's references point into the
 * legal archive, and reads say `_type: legal_archive`.
 */
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

export class LegalArchiveService extends ResourceService {
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
