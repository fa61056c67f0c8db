/**
 * Every signal and its payload (Superdesk's `superdesk/signals.py` plus `app.on_session_end`):
 * in-process events that one module sends after something happened and any app subscribes to
 * with `app.on(name, handler)`. They are not WebSocket events (those go through `notify`).
 *
 * Apps may declare signals of their own by merging into this interface:
 * `declare module "@superdesk/app" { interface SignalMap { "fact_check:resolved": {...} } }`.
 */
import type { Doc } from "../storage/document_store.ts";

/** A content item and who acted on it. */
export interface ItemSignal {
  /** The item as stored after the action. */
  item: Doc;
  /** The id of the user who acted; absent when the system did (workers, expiry, logout). */
  user?: string;
}

/** A content item before and after the action. */
export interface ItemChangeSignal extends ItemSignal {
  /** The item as it was before the action. */
  original: Doc;
}

/** Signal name → payload. Senders are named on each entry. */
export interface SignalMap {
  /** A session ended: logout, expiry, its user disabled or deleted (auth's sessions service). */
  "session:end": { sessionId: string; userId: string };
  /**
   * A user account was disabled by `DELETE /api/users/<id>`, after its sessions ended (auth's
   * users service): `user` as stored after it, `by` the id of the user who did it.
   */
  "user:disabled": { user: Doc; by?: string };
  /** An item was created in `archive` (newsroom's archive service). */
  "item:created": ItemSignal;
  /** A user saved changes to an item: PATCH, PUT or a version restore (archive service). */
  "item:updated": ItemChangeSignal & {
    /** The fields the write set. */
    updates: Doc;
  };
  /**
   * An item went out (publishing's actions, or a scheduled item when its time came): the
   * published item; `afterScheduled` when the scheduler sent it (then `user` is absent).
   */
  "item:published": ItemSignal & { afterScheduled: boolean };
  /** An item was spiked (`PATCH /api/archive/spike/<id>`). */
  "item:spiked": ItemChangeSignal;
  /** An item was unspiked (`PATCH /api/archive/unspike/<id>`). */
  "item:unspiked": ItemChangeSignal;
  /**
   * An item was moved to another desk or stage: `POST /api/archive/<id>/move`, or a user's PATCH
   * of `archive` or `tasks` naming another desk or stage, whose `updates` are the fields that
   * edit set (an archive edit's `item:updated` comes first, with the same updates).
   */
  "item:moved": ItemChangeSignal & { updates?: Doc };
  /** An item was locked for editing (`POST /api/archive/<id>/lock`). */
  "item:locked": ItemSignal;
  /**
   * An item's lock was released: unlock, or the end (logout, expiry) of the session holding it;
   * `user` is who unlocked, or the user whose session ended. A never-saved draft is deleted
   * instead, without this signal.
   */
  "item:unlocked": ItemSignal;
  /**
   * An operation on an item that its history records (Superdesk's `app.on_archive_item_updated`):
   * fetch, duplicate, publish, correct, kill, resend, mark ... `item` is the item the operation
   * applies to, as stored after it; `updates` what the operation changed or names (a highlight,
   * the subscribers of a resend). Sent by the module doing the operation.
   */
  "item:operation": ItemSignal & { operation: string; updates: Doc };
}

/** The name of a signal. */
export type SignalName = keyof SignalMap;

/** What a handler receives beside the payload. */
export interface SignalContext {
  /**
   * Aborted when the process (or thread) closes its platform: a handler still running then
   * should stop soon; its stores close once it has (or after the handler timeout).
   */
  signal: AbortSignal;
}

/** A subscriber: runs after the sender's change, with a frozen copy of the payload. */
export type SignalHandler<K extends SignalName> = (
  payload: Readonly<SignalMap[K]>,
  context: SignalContext,
) => Promise<unknown> | unknown;
