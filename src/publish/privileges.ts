/**
 * The privilege names publishing checks, as Superdesk spells them (`apps/publish`,
 * `superdesk/publish`, `apps/products`, `apps/content_filters`).
 */

/** Publish an item. */
export const PUBLISH_PRIVILEGE = "publish";
/** Publish a correction of a published item. */
export const CORRECT_PRIVILEGE = "correct";
/** Kill a published item. */
export const KILL_PRIVILEGE = "kill";
/** Take a published item down (recall). */
export const TAKEDOWN_PRIVILEGE = "takedown";
/**
 * Set an item's embargo (the web client shows the embargo field to its holders; as in Superdesk,
 * no route checks it).
 */
export const EMBARGO_PRIVILEGE = "embargo";
/** Unpublish an item. */
export const UNPUBLISH_PRIVILEGE = "unpublish";
/** Resend a published item to subscribers. */
export const RESEND_PRIVILEGE = "resend";
/** Update a story (`POST /api/archive/<id>/rewrite`). */
export const REWRITE_PRIVILEGE = "rewrite";
/** Manage subscribers. */
export const SUBSCRIBERS_PRIVILEGE = "subscribers";
/** Manage products. */
export const PRODUCTS_PRIVILEGE = "products";
/** Manage content filters and filter conditions. */
export const CONTENT_FILTERS_PRIVILEGE = "content_filters";
/** Change publish queue entries and published items. */
export const PUBLISH_QUEUE_PRIVILEGE = "publish_queue";
/** Kill items in the archived repository (Superdesk's `archived`). */
export const ARCHIVED_PRIVILEGE = "archived";
/** Create, change and delete validators. */
export const VALIDATORS_PRIVILEGE = "validators";

/** How publishing declares them (Superdesk's labels and descriptions). */
export const PUBLISH_PRIVILEGES = [
  { name: PUBLISH_PRIVILEGE, label: "Publish", description: "Publish a content" },
  {
    name: CORRECT_PRIVILEGE,
    label: "Correction",
    description: "Correction to a published content",
  },
  { name: KILL_PRIVILEGE, label: "Kill", description: "Kill a published content" },
  { name: EMBARGO_PRIVILEGE, label: "Embargo", description: "User can set embargo date" },
  { name: TAKEDOWN_PRIVILEGE, label: "Take down", description: "Take down a published content" },
  { name: UNPUBLISH_PRIVILEGE, label: "Unpublish", description: "Unpublish a published content" },
  {
    name: RESEND_PRIVILEGE,
    label: "Resending Stories",
    description: "User can resend published stories",
  },
  { name: REWRITE_PRIVILEGE, label: "Update", description: "Create an update" },
  { name: SUBSCRIBERS_PRIVILEGE, label: "Subscribers", description: "User can manage subscribers" },
  {
    name: PRODUCTS_PRIVILEGE,
    label: "Products Management",
    description: "User can manage product lists.",
  },
  {
    name: CONTENT_FILTERS_PRIVILEGE,
    label: "Content Filters",
    description: "User can manage content filters",
  },
  {
    name: PUBLISH_QUEUE_PRIVILEGE,
    label: "Publish Queue",
    description: "User can update publish queue",
  },
  { name: VALIDATORS_PRIVILEGE, label: "Validators", description: "User can manage validators" },
  {
    name: ARCHIVED_PRIVILEGE,
    label: "Archive Management",
    description: "User can remove items from the archived",
  },
] as const;
