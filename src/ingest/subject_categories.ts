/**
 * An ingested item's categories and IPTC subjects, as Superdesk's `update_ingest.py` settles them
 * before storing (`process_anpa_category`, `process_iptc_codes`, `derive_category`,
 * `derive_subject`): a feed's categories are named from the `categories` vocabulary (those it
 * does not hold are dropped; one given by name only is found by name); an IPTC subject brings its parent and top-level codes, named from
 * the IPTC list; an item without categories gets those the `iptc_category_map` vocabulary maps
 * its subjects to; an item with categories and no subject gets the subject its last mapped
 * category names in `categories` (Superdesk's loop keeps the last).
 */
import type { VocabulariesService } from "../content/vocabularies_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { isSubjectCode, subjectName } from "./parsers/iptc_subjects.ts";

/** The active items of the two vocabularies involved; null where one does not exist. */
export interface CategoryVocabularies {
  categories: Doc[] | null;
  iptcCategoryMap: Doc[] | null;
}

/** Reads the vocabularies once for a batch. */
export async function categoryVocabularies(
  registry: ResourceRegistry,
): Promise<CategoryVocabularies> {
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  const active = async (id: string) =>
    await vocabularies.exists(id) ? await vocabularies.itemsOf(id) : null;
  const [categories, iptcCategoryMap] = await Promise.all([
    active("categories"),
    active("iptc_category_map"),
  ]);
  return { categories, iptcCategoryMap };
}

/** Settles `item`'s `anpa_category` and `subject` in place. */
export function settleSubjectsAndCategories(item: Doc, vocabularies: CategoryVocabularies): void {
  if (Array.isArray(item.anpa_category)) nameCategories(item, vocabularies.categories);
  if (Array.isArray(item.subject)) {
    expandIptcCodes(item.subject as Doc[]);
    if (!Array.isArray(item.anpa_category)) deriveCategories(item, vocabularies);
  } else if (Array.isArray(item.anpa_category)) deriveSubject(item, vocabularies.categories);
}

/**
 * Names each category from the vocabulary (its qcode's case too), dropping unknown ones; a
 * category the feed names without a code (a formatted e-mail's) is found by its name.
 */
function nameCategories(item: Doc, categories: Doc[] | null) {
  if (!categories) {
    item.anpa_category = (item.anpa_category as Doc[]).filter((c) => c?.qcode !== undefined);
    return;
  }
  item.anpa_category = (item.anpa_category as Doc[]).flatMap((category) => {
    const [field, value] = category?.qcode === undefined && typeof category?.name === "string"
      ? ["name", category.name]
      : ["qcode", category?.qcode];
    const wanted = String(value ?? "").trim().toLowerCase();
    const known = categories.find((entry) => String(entry[field]).toLowerCase() === wanted);
    if (!known) return [];
    const named: Doc = { ...category, qcode: known.qcode, name: known.name, scheme: "categories" };
    if (known.translations) named.translations = known.translations;
    return [named];
  });
}

/** Adds the top-level and parent codes of each 8-digit IPTC subject code that lacks them. */
function expandIptcCodes(subjects: Doc[]) {
  const has = (qcode: string) => subjects.some((subject) => subject?.qcode === qcode);
  for (const subject of [...subjects]) {
    const qcode = typeof subject?.qcode === "string" ? subject.qcode : "";
    if (!isSubjectCode(qcode)) continue;
    for (const parent of [`${qcode.slice(0, 2)}000000`, `${qcode.slice(0, 5)}000`]) {
      const name = subjectName(parent);
      if (!has(parent) && name) subjects.push({ qcode: parent, name });
    }
  }
}

/** Categories from the `iptc_category_map` entries the item's subjects match, named. */
function deriveCategories(item: Doc, vocabularies: CategoryVocabularies) {
  if (!vocabularies.iptcCategoryMap) return;
  const subjects = new Set((item.subject as Doc[]).map((subject) => subject?.qcode));
  const codes = [
    ...new Set(
      vocabularies.iptcCategoryMap.filter((entry) => subjects.has(entry.qcode))
        .map((entry) => entry.category),
    ),
  ];
  if (codes.length === 0) return;
  item.anpa_category = codes.map((qcode) => ({ qcode }));
  nameCategories(item, vocabularies.categories);
}

/** The IPTC subject the item's last category with one names in `categories`. */
function deriveSubject(item: Doc, categories: Doc[] | null) {
  if (!categories) return;
  for (const category of item.anpa_category as Doc[]) {
    const entry = categories.find((known) => known.qcode === category?.qcode);
    const qcode = typeof entry?.subject === "string" ? entry.subject : undefined;
    const name = qcode ? subjectName(qcode) : undefined;
    if (qcode && name) item.subject = [{ qcode, name }];
  }
}
