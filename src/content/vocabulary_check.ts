/**
 * Checking an item's controlled values against the vocabularies, with the service it needs: the
 * entry point for saving (the content hooks). A content profile's rules are checked where
 * Superdesk checks them, on publish, correct and kill (`src/publish/profile_validator.ts`).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { checkItem, type ItemProblems } from "./item_validation.ts";
import type { VocabulariesService } from "./vocabularies_service.ts";

/**
 * What is wrong with `item`'s controlled values (of the `touched` fields, all when absent);
 * empty issues when nothing.
 */
export async function checkVocabularyValues(
  registry: ResourceRegistry,
  item: Doc,
  touched?: ReadonlySet<string>,
): Promise<ItemProblems> {
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  const cache = new Map<string, Promise<Doc[] | null>>();
  return await checkItem(item, {
    touched,
    vocabularyItems: (id) => {
      let found = cache.get(id);
      if (!found) {
        found = vocabularies.exists(id).then((exists) => exists ? vocabularies.itemsOf(id) : null);
        cache.set(id, found);
      }
      return found;
    },
  });
}
