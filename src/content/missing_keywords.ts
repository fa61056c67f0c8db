/**
 * `KEYWORDS_ADD_MISSING_ON_PUBLISH` (Superdesk's `superdesk/vocabularies/keywords.py`): a published
 * item's keywords that the `keywords` vocabulary lacks (compared without case) join it as
 * active `{name, qcode}` items; the vocabulary is created on first use, with `name` as its unique
 * field. Through the vocabularies service, so clients get `vocabularies:created` or
 * `vocabularies:updated` naming the publishing user. Concurrent publishers cannot lose each
 * other's keywords: the update is guarded by the vocabulary's etag and redone on a race, and a
 * creation that lost the race becomes an update.
 */
import { EtagMismatchError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { VocabulariesService } from "./vocabularies_service.ts";

/** Superdesk's `KEYWORDS_CV`. */
export const KEYWORDS_VOCABULARY = "keywords";

/** How many times the vocabulary is read and written again after a concurrent change. */
const ATTEMPTS = 10;

/** Adds `item`'s missing keywords to the vocabulary, on behalf of `userId` (none when scheduled). */
export async function addMissingKeywords(
  vocabularies: VocabulariesService,
  item: Doc,
  userId?: string,
): Promise<void> {
  const keywords = Array.isArray(item.keywords)
    ? item.keywords.filter((keyword): keyword is string =>
      typeof keyword === "string" && keyword.trim() !== ""
    )
    : [];
  if (keywords.length === 0) return;
  const actor: Actor = { ...SYSTEM_ACTOR, userId };
  for (let attempt = 1;; attempt++) {
    const vocabulary = await vocabularies.findOne({ _id: KEYWORDS_VOCABULARY }, SYSTEM_ACTOR);
    try {
      if (vocabulary) await addTo(vocabularies, vocabulary, keywords, actor);
      else await vocabularies.create([newVocabulary(keywords)], actor);
      return;
    } catch (error) {
      const raced = error instanceof EtagMismatchError ||
        (!vocabulary && await vocabularies.exists(KEYWORDS_VOCABULARY));
      if (!raced || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function addTo(
  vocabularies: VocabulariesService,
  vocabulary: Doc,
  keywords: string[],
  actor: Actor,
): Promise<void> {
  const items = Array.isArray(vocabulary.items) ? vocabulary.items as Doc[] : [];
  const known = new Set(items.map((entry) => String(entry.name ?? "").toLowerCase()));
  const missing = distinct(keywords).filter((keyword) => !known.has(keyword.toLowerCase()));
  if (missing.length === 0) return;
  await vocabularies.update(KEYWORDS_VOCABULARY, { items: [...items, ...missing.map(entryOf)] }, {
    etag: String(vocabulary._etag),
    actor,
  });
}

function newVocabulary(keywords: string[]): Doc {
  return {
    _id: KEYWORDS_VOCABULARY,
    display_name: "Keywords",
    type: "manageable",
    unique_field: "name",
    schema: { name: {}, qcode: {} },
    items: distinct(keywords).map(entryOf),
  };
}

function entryOf(keyword: string): Doc {
  return { name: keyword, qcode: keyword, is_active: true };
}

/** `keywords` without repeats, compared without case (the first spelling wins). */
function distinct(keywords: string[]): string[] {
  const seen = new Set<string>();
  return keywords.filter((keyword) => {
    const key = keyword.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
