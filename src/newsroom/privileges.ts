/**
 * The privilege names the newsroom checks, as Superdesk spells them (`apps/archive`,
 * `apps/desks.py`, `superdesk/privilege.py`).
 */

/** Create and edit content, lock it, move it. */
export const ARCHIVE_PRIVILEGE = "archive";
/** Create, edit and delete desks and stages. */
export const DESKS_PRIVILEGE = "desks";
/** Spike content. */
export const SPIKE_PRIVILEGE = "spike";
/** Unspike content. */
export const UNSPIKE_PRIVILEGE = "unspike";
/** Unlock an item somebody else locked (together with `archive`). */
export const UNLOCK_PRIVILEGE = "unlock";
/** Send content to a desk one is not a member of. */
export const MOVE_PRIVILEGE = "move";
/** See the content of every desk (Superdesk's GLOBAL_SEARCH_PRIVILEGE), not only one's own. */
export const SEE_ALL_PRIVILEGE = "use_global_saved_searches";
