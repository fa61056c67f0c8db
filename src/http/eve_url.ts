/**
 * The URL converters of Superdesk's Eve URL templates, as `GET /api` lists nested endpoints
 * (`archive/<regex("[\w,.:-]+"):item_id>/lock`): the web client replaces the `<...>` part with
 * the parent item's id.
 */

/** Superdesk's `item_url` for content ids (guids hold ":", "." and ","). */
export const ITEM_URL = 'regex("[\\w,.:-]+")';

/** Eve's ObjectId converter. */
export const OBJECT_ID_URL = 'regex("[a-f0-9]{24}")';
