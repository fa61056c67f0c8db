/**
 * The links between an item and its translations: the source's `translation_id` and
 * `translations` (on the item and on its published copies, Superdesk's
 * `update_published_items`), and the link a deleted translation leaves (Superdesk's
 * `_remove_from_translations`, run when content expiry deletes it) or a spiked one (Superdesk's
 * `_remove_translations` in `archive_spike.py`: on the source and its published copies, and the
 * source's `translation_id` cleared with its last translation). Written as Superdesk's
 * `system_update` (no new version, and the item's etag kept, so a client editing the source may
 * still save it), with compare-and-set so concurrent translations of one item each keep theirs.
 */
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { PublishedService } from "../publish/published_service.ts";

/**
 * How often a link write is tried. A miss means another write of the item landed, so as many
 * translations made at once need as many tries; the bound only stops a store whose guard never
 * matches from spinning.
 */
const CAS_ATTEMPTS = 50;

/** Adds `translation` to `source`'s translations (and its published copies'). */
export async function addTranslation(
  ctx: ServiceContext,
  source: Doc,
  { translationId, translation }: { translationId: string; translation: string },
): Promise<void> {
  await relink(ctx, String(source._id), (current) => ({
    translation_id: current.translation_id || translationId,
    translations: [...listOf(current.translations).filter((t) => t !== translation), translation],
  }), { copies: true });
}

/** Removes deleted item `doc` from the translations of the item it was translated from. */
export async function removeTranslation(ctx: ServiceContext, doc: Doc): Promise<void> {
  if (!doc.translated_from) return;
  await relink(ctx, String(doc.translated_from), (current) => ({
    translations: listOf(current.translations).filter((t) => t !== String(doc._id)),
  }), { copies: false });
}

/**
 * Unlinks spiked translation `original` (as it was before the spike) from its source and the
 * source's published copies; a source left with no translation loses its `translation_id`, unless
 * it is itself a translation (Superdesk clears it then too, and the source's own spike would then
 * leave it listed in its source's translations).
 */
export async function unlinkSpikedTranslation(ctx: ServiceContext, original: Doc): Promise<void> {
  if (!original.translation_id || !original.translated_from) return;
  const id = String(original._id);
  // A source that is itself a translation keeps its `translation_id` (its own chain's link).
  await relink(ctx, String(original.translated_from), (current) => {
    const translations = listOf(current.translations).filter((t) => t !== id);
    return translations.length || current.translated_from
      ? { translations }
      : { translations, translation_id: null };
  }, { copies: true });
}

/**
 * Writes the link fields `change` makes of item `sourceId` as stored (and, with `copies`, of each
 * of its published copies), each with compare-and-set.
 */
async function relink(
  ctx: ServiceContext,
  sourceId: string,
  change: (current: Doc) => Doc,
  { copies }: { copies: boolean },
): Promise<void> {
  const archive = ctx.registry.service<ArchiveService>("archive");
  await casWrite(
    () => archive.storedItems([sourceId]).then((found) => found[0] ?? null),
    (current) => archive.writeUnversioned(current, change(current), { keepEtag: true }),
  );
  if (!copies) return;
  const published = ctx.registry.service<PublishedService>("published");
  for (const copy of await published.copiesOf(sourceId)) {
    await casWrite(
      () => published.copiesOf(sourceId, { _id: copy._id }).then((found) => found[0] ?? null),
      (current) =>
        published.transition(String(current._id), { _etag: current._etag }, change(current)),
    );
  }
}

/** Reads and writes until the write lands on what was read (or the document is gone). */
async function casWrite(
  read: () => Promise<Doc | null>,
  write: (current: Doc) => Promise<Doc | null>,
): Promise<void> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const current = await read();
    if (!current || await write(current)) return;
  }
  throw new Error("Cannot link the translation: the item keeps changing");
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
