/**
 * Checking an item against its content profile and the vocabularies, with the services it
 * needs: the entry point for saving (the content hooks); publishing validates as Superdesk's
 * `validate` service (`src/publish/profile_validator.ts`).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { checkItem, type ItemProblems } from "./item_validation.ts";
import type { VocabulariesService } from "./vocabularies_service.ts";

/**
 * What is wrong with `item` against its content profile and the vocabularies (for saving, with
 * `requireFields` once it is no longer a new draft); empty issues when nothing. A missing
 * profile checks the vocabularies only.
 */
export async function validateItem(
  registry: ResourceRegistry,
  item: Doc,
  { requireFields, touched }: { requireFields: boolean; touched?: ReadonlySet<string> },
): Promise<ItemProblems> {
  const profile = item.profile
    ? await registry.service("content_types").findOne({ _id: String(item.profile) })
    : null;
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  const cache = new Map<string, Promise<Doc[] | null>>();
  return await checkItem(item, {
    schema: (profile?.schema as Doc | undefined) ?? null,
    requireFields,
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
