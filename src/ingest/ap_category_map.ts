/**
 * AP's ANPA category letters mapped to the newsroom's own (`ap_anpa1312`, Superdesk's
 * `AP_ANPAFeedParser.map_category_codes`): parsers cannot read the store, so the AP parser marks
 * its item with `ap_category_map`, and ingest rewrites each `anpa_category` qcode through the
 * active entries of the `ap_category_map` vocabulary (`ap_code` → `category_code`, the `default`
 * entry for a letter it lacks). Without the vocabulary the letters stay as AP sent them.
 */
import type { VocabulariesService } from "../content/vocabularies_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** The transient field (true) that asks for the mapping, and the vocabulary's id. */
export const AP_CATEGORY_MAP = "ap_category_map";

/** Maps `item`'s `anpa_category` codes when it asks for it, and drops the mark. */
export async function resolveApCategories(registry: ResourceRegistry, item: Doc): Promise<void> {
  const wanted = item[AP_CATEGORY_MAP] === true;
  delete item[AP_CATEGORY_MAP];
  if (!wanted || !Array.isArray(item.anpa_category)) return;
  const vocabularies = registry.service<VocabulariesService>("vocabularies");
  if (!(await vocabularies.exists(AP_CATEGORY_MAP))) return;
  const map = new Map<string, string>();
  for (const entry of await vocabularies.itemsOf(AP_CATEGORY_MAP)) {
    if (entry.is_active !== true) continue;
    if (typeof entry.ap_code === "string" && typeof entry.category_code === "string") {
      map.set(entry.ap_code, entry.category_code);
    }
  }
  item.anpa_category = item.anpa_category.map((category: Doc) => {
    const code = String(category.qcode ?? "").toLowerCase();
    const mapped = map.get(code) ?? map.get("default");
    return mapped === undefined ? category : { ...category, qcode: mapped };
  });
}
