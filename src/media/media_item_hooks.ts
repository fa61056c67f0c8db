/**
 * The archive item hooks of media references (`media_references.ts`): an item's files are
 * referred to before it is stored (created, or saved by a user: Superdesk's `on_created` and
 * `on_updated`), and released when it is deleted (Superdesk's `on_deleted`).
 */
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import type { MediaReferences } from "./media_references.ts";

/** The hooks over `references`. */
export function mediaItemHooks(references: MediaReferences): ItemHooks {
  return {
    media: true,
    beforeCreate: (item) => references.refer(item),
    beforeSave: (updates, original) => references.refer({ ...original, ...updates }),
    afterDelete: (item) => references.release(item),
  };
}
