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
/** See spiked content (the web client's Spiked Items view; nothing on the server checks it). */
export const SPIKE_READ_PRIVILEGE = "spike_read";
/** Unspike content. */
export const UNSPIKE_PRIVILEGE = "unspike";
/** Unlock an item somebody else locked (together with `archive`). */
export const UNLOCK_PRIVILEGE = "unlock";
/** Send content to a desk one is not a member of. */
export const MOVE_PRIVILEGE = "move";
/** See the content of every desk (Superdesk's GLOBAL_SEARCH_PRIVILEGE), not only one's own. */
export const SEE_ALL_PRIVILEGE = "use_global_saved_searches";

/** The web client's Monitoring view (its left toolbar entry). */
export const MONITORING_VIEW_PRIVILEGE = "monitoring_view";
/** Change an item's `unique_name` (Superdesk's archive `on_update`; administrators hold it). */
export const UNIQUE_NAME_PRIVILEGE = "metadata_uniquename";
/** Mark items for other users (the web client's mark-for-user action; the server checks none). */
export const MARK_FOR_USER_PRIVILEGE = "mark_for_user";
/** The web client's Master Desk view over the desks' overviews (the server checks none). */
export const MASTERDESK_PRIVILEGE = "masterdesk";

/** How the newsroom declares them (Superdesk's labels and descriptions). */
export const NEWSROOM_PRIVILEGES = [
  {
    name: MONITORING_VIEW_PRIVILEGE,
    label: "Monitoring view",
    description: "Access to Monitoring view in left toolbar",
  },
  { name: ARCHIVE_PRIVILEGE, label: "Create content", description: "Create and save content" },
  { name: DESKS_PRIVILEGE, label: "Desk Management", description: "User can manage desks." },
  { name: SPIKE_PRIVILEGE, label: "Spike", description: "Spike/delete items" },
  { name: SPIKE_READ_PRIVILEGE, label: "Spike view", description: "View spiked content" },
  { name: UNSPIKE_PRIVILEGE, label: "Unspike", description: "Unspike/undelete content" },
  {
    name: UNLOCK_PRIVILEGE,
    label: "Unlock content",
    description: "Unlock locked content by another user",
  },
  {
    name: MOVE_PRIVILEGE,
    label: "Move Content to another desk",
    description: "Move Content to another desk",
  },
  { name: SEE_ALL_PRIVILEGE, label: "Global searches", description: "Use global saved searches." },
  {
    name: UNIQUE_NAME_PRIVILEGE,
    label: "Edit Unique Name",
    description: "Edit unique name",
  },
  {
    name: MARK_FOR_USER_PRIVILEGE,
    label: "Mark items for users",
    description: "User can mark or unmark items for other users",
  },
  { name: MASTERDESK_PRIVILEGE, label: "Master Desk", description: "User can access master desk." },
] as const;
