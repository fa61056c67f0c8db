/**
 * What a module records in the activity log (Superdesk's `add_activity` arguments) and the
 * stored document it becomes: the message is a template the web client fills from `data`
 * (`created user {{user}}`), the item gives its id, slugline and desk, and `notify`/`notifyDesks`
 * become unread recipients.
 */
import type { Doc } from "../storage/document_store.ts";

/** One activity, as a module describes it. */
export interface ActivityEntry {
  /** `create`, `update`, `delete`, `user:mention`, `desk:mention` ... */
  name: string;
  /** Template with `{{ key }}` placeholders filled from `data`. */
  message: string;
  /** The resource it concerns (`archive`, `users` ...); none for mentions. */
  resource?: string;
  /** The content item it concerns. */
  item?: Doc;
  /** Users to notify. */
  notify?: readonly string[];
  /** Desks whose members to notify. */
  notifyDesks?: readonly string[];
  data?: Record<string, unknown>;
}

/** The stored document of `entry`, written by `user` (none for the system). */
export function entryDocument(entry: ActivityEntry, user: Doc | null): Doc {
  const doc: Doc = {
    name: entry.name,
    message: entry.message,
    data: entry.data ?? {},
    resource: entry.resource ?? null,
    recipients: [
      ...(entry.notify ?? []).map((id) => ({ user_id: id, read: false })),
      ...(entry.notifyDesks ?? []).map((id) => ({ desk_id: id, read: false })),
    ],
  };
  if (user) {
    doc.user = String(user._id);
    doc.user_name = String(user.display_name ?? user.username ?? "");
  }
  const item = entry.item;
  if (item) {
    doc.item = String(item._id);
    doc.item_slugline = (item.slugline ?? item.headline ?? item.unique_name ?? null) as
      | string
      | null;
    const task = item.task as Doc | undefined;
    if (typeof task?.desk === "string") doc.desk = task.desk;
  }
  return doc;
}

/** What an item is about, as Superdesk's `get_subject` says it: headline, else slugline. */
export function itemSubject(item: Doc): string {
  for (const field of ["headline", "slugline", "abstract", "name"]) {
    const value = item[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return "";
}
