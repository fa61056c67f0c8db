/**
 * The active items of a vocabulary (Superdesk's `VocabulariesService.get_items`, whose
 * `is_active=True` default leaves out the items marked inactive; unmarked ones are active): the
 * rundown item types and subitem types the exports and technical titles use.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** The active items of vocabulary `id`; none when it (or the vocabularies resource) is absent. */
export async function vocabularyItems(registry: ResourceRegistry, id: string): Promise<Doc[]> {
  const vocabulary = registry.has("vocabularies")
    ? await registry.service("vocabularies").findOne({ _id: id })
    : null;
  const items = Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
  return items.filter((item) => (item.is_active ?? true) === true);
}
