/**
 * The versions `?version=N|all|diffs` on `legal_archive` reads (Superdesk's
 * `LegalArchiveVersionsService.get`): the `legal_archive_versions` documents, which the legal
 * import writes itself, each once under an id made of its item and version (`legal_import.ts`).
 * So writes of `legal_archive` record no version copy of their own here, and the collection's
 * indexes are those of its own resource.
 */
import { Versions } from "../resources/versions.ts";
import type { Doc } from "../storage/document_store.ts";

export class LegalVersions extends Versions {
  override async record(_docs: Doc[]): Promise<void> {}

  override async removeAll(_id: string): Promise<void> {}

  override async ensureIndexes(): Promise<void> {}
}
