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
/** Unpublish an item. */
export const UNPUBLISH_PRIVILEGE = "unpublish";
/** Resend a published item to subscribers. */
export const RESEND_PRIVILEGE = "resend";
/** Manage subscribers. */
export const SUBSCRIBERS_PRIVILEGE = "subscribers";
/** Manage products. */
export const PRODUCTS_PRIVILEGE = "products";
/** Manage content filters and filter conditions. */
export const CONTENT_FILTERS_PRIVILEGE = "content_filters";
/** Change publish queue entries and published items. */
export const PUBLISH_QUEUE_PRIVILEGE = "publish_queue";
