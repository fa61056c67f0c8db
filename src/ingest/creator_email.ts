/**
 * The user an ingested e-mail comes from (Superdesk's `email_rfc822` parser looking up the sender
 * with `get_user_by_email`): parsers cannot read the store, so they put the address in
 * `creator_email`, and ingest makes the user with that address (in any case: users' addresses
 * are stored in lower case) the item's `original_creator` before storing it. A plain message
 * from an unknown sender keeps no creator; a formatted one (`required`) is refused (6001), as
 * Superdesk refuses it, and only a formatted one's story gets its user's `byline` and `sign_off`
 * (Superdesk's plain messages get the creator alone: a forged `From` never signs a story).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { IngestError } from "./ingest_error.ts";

/** The transient field parsers fill: `{address: <e-mail>, required: <boolean>}`. */
export const CREATOR_EMAIL = "creator_email";

/** Replaces `item`'s `creator_email` with the creator it names. */
export async function resolveCreatorEmail(registry: ResourceRegistry, item: Doc): Promise<void> {
  const wanted = item[CREATOR_EMAIL] as { address?: unknown; required?: unknown } | undefined;
  delete item[CREATOR_EMAIL];
  if (typeof wanted?.address !== "string" || wanted.address === "") return;
  const address = wanted.address.trim();
  const { items } = await registry.service("users").find({
    filter: { email: address.toLowerCase() },
    page: 1,
    maxResults: 1,
    skipCount: true,
  });
  const user = items[0];
  if (!user) {
    if (wanted.required) throw new IngestError(6001, `no user has the e-mail "${address}"`);
    return;
  }
  item.original_creator = String(user._id);
  if (!wanted.required) return;
  if (typeof user.byline === "string" && user.byline !== "") item.byline = user.byline;
  if (typeof user.sign_off === "string") item.sign_off = user.sign_off;
}
