/**
 * Subjects a feed gives by the codes of the newsroom's own `subject_custom` vocabulary (Ritzau's
 * `IPTCList`, Superdesk's `RitzauFeedParser._subject_filter`): parsers cannot read the store, so
 * they put the codes in `custom_subject_codes`, and ingest adds the entries of that vocabulary
 * marked active (`is_active: true`, as Superdesk asks) with those codes to the item's subjects,
 * each with its name and the scheme; codes it lacks are dropped.
 */
import type { VocabulariesService } from "../content/vocabularies_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** The transient field parsers fill with the codes. */
export const CUSTOM_SUBJECT_CODES = "custom_subject_codes";

/** The vocabulary the codes are read from. */
const SCHEME = "subject_custom";

/** Replaces `item`'s `custom_subject_codes` with the subjects they name. */
export async function resolveCustomSubjects(registry: ResourceRegistry, item: Doc): Promise<void> {
  const codes = item[CUSTOM_SUBJECT_CODES];
  delete item[CUSTOM_SUBJECT_CODES];
  if (!Array.isArray(codes) || codes.length === 0) return;
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  if (!(await vocabularies.exists(SCHEME))) return;
  const entries = await vocabularies.itemsOf(SCHEME);
  const subjects = codes.flatMap((code) => {
    const entry = entries.find((e) => e.qcode === code && e.is_active === true);
    return entry ? [{ qcode: code, name: String(entry.name ?? ""), scheme: SCHEME }] : [];
  });
  item.subject = [...(Array.isArray(item.subject) ? item.subject : []), ...subjects];
}
