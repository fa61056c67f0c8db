/**
 * The editor's state of an update (Superdesk's `copy_fields`, `generate_fields(force=True)` and
 * `update_associations` as `archive_rewrite.py` calls them): the story's non-empty Draft.js
 * states, then the linked story's, become the update's, and its fields are rendered from them;
 * media embedded in the body become its `editor_*` associations.
 */
import { generateFields } from "../content/fields_meta.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** Sets `rewrite`'s editor states from `original`, then `existing`, and renders its fields. */
export async function syncEditorState(
  registry: ResourceRegistry,
  rewrite: Doc,
  { original, existing }: { original: Doc; existing?: Doc },
): Promise<void> {
  copyNonEmptyStates(original, rewrite);
  if (existing) copyNonEmptyStates(existing, rewrite);
  if (!isDoc(rewrite.fields_meta)) return;
  generateFields(rewrite, { singleLine: await singleLineFields(registry, rewrite), force: true });
  updateAssociations(rewrite);
}

function copyNonEmptyStates(source: Doc, dest: Doc) {
  if (!isDoc(source.fields_meta)) return;
  for (const [field, meta] of Object.entries(source.fields_meta)) {
    if (isEmptyState(meta)) continue;
    const target = isDoc(dest.fields_meta) ? dest.fields_meta : (dest.fields_meta = {});
    target[field] = structuredClone(meta);
  }
}

/** No state, or no block with text (Superdesk's `is_empty_content_state`). */
function isEmptyState(meta: unknown): boolean {
  const state = (isDoc(meta) && Array.isArray(meta.draftjsState))
    ? meta.draftjsState[0]
    : undefined;
  if (!isDoc(state) || !Array.isArray(state.blocks)) return true;
  return !state.blocks.some((block) => String((block as Doc)?.text ?? "").trim() !== "");
}

/** The custom fields of `item`'s states whose vocabulary is single-line (`field_options`). */
async function singleLineFields(registry: ResourceRegistry, item: Doc): Promise<Set<string>> {
  const custom = Object.keys(item.fields_meta as Doc)
    .filter((field) => field.startsWith("extra>"))
    .map((field) => field.slice("extra>".length));
  if (custom.length === 0) return new Set();
  const vocabularies = await registry.service("vocabularies").find({
    filter: { _id: { $in: custom } },
    page: 1,
    maxResults: custom.length,
    skipCount: true,
  });
  return new Set(
    vocabularies.items
      .filter((vocabulary) => (vocabulary.field_options as Doc | undefined)?.single === true)
      .map((vocabulary) => String(vocabulary._id)),
  );
}

/** Media in the body's state are the `editor_*` associations (Superdesk's `update_associations`). */
function updateAssociations(item: Doc) {
  const body = (item.fields_meta as Doc).body_html;
  if (!isDoc(body) || !("associations" in item) || !Array.isArray(body.draftjsState)) return;
  const entityMap = (body.draftjsState[0] as Doc | undefined)?.entityMap;
  const associations: Doc = {};
  for (const [key, value] of Object.entries(isDoc(item.associations) ? item.associations : {})) {
    associations[key] = key.startsWith("editor_") ? null : value;
  }
  for (const [key, entity] of Object.entries(isDoc(entityMap) ? entityMap : {})) {
    if ((entity as Doc)?.type === "MEDIA") {
      associations[`editor_${key}`] = ((entity as Doc).data as Doc | undefined)?.media;
    }
  }
  item.associations = associations;
}
