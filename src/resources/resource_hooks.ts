/**
 * The hooks of a resource's service (Superdesk's `on_create`, `on_updated`, ...), as an object
 * an app can attach to a resource another app registered (Superdesk's `on_<op>_res_<name>`):
 * `app.hooks("archive", { onUpdate(updates, original, actor) {...} })`. Before-hooks
 * (`onCreate`, `onUpdate`, `onReplace`, `onDelete`) run before the write and may change the
 * documents or refuse with an `HttpError`; after-hooks run once the write is stored. A system
 * write without an etag whose guarded write missed runs its before-hook again on the document
 * read anew (`WriteOptions.etag`).
 */
import type { Doc } from "../storage/document_store.ts";
import type { Actor } from "./actor.ts";

/** What `onCreate` is told about the write besides the documents and the actor. */
export interface CreateContext {
  /**
   * A trusted create (`create(docs, actor, { trusted: true })`: fixtures, imports, prepopulate's
   * sample data), which skips the schema; a hook skips its schema-like rules too.
   */
  trusted: boolean;
  /**
   * Top-level fields a server operation copied from a stored document (a broadcast's or an
   * update's fields taken from its story), as opposed to fields a client sent: hooks that check
   * only what a client sent (the vocabulary check) leave them out.
   */
  copied?: ReadonlySet<string>;
}

/** Optional hooks; each may be async. */
export interface ResourceHooks {
  /** Before new documents are stored; may change them. */
  onCreate?(docs: Doc[], actor: Actor, context: CreateContext): Promise<void> | void;
  /** After new documents were stored. */
  onCreated?(docs: Doc[], actor: Actor): Promise<void> | void;
  /** Before a partial update is stored; may change `updates`. */
  onUpdate?(updates: Doc, original: Doc, actor: Actor): Promise<void> | void;
  /** After a partial update was stored. */
  onUpdated?(updates: Doc, original: Doc, actor: Actor): Promise<void> | void;
  /** Before a replacement (PUT) is stored; may change `doc`. */
  onReplace?(doc: Doc, original: Doc, actor: Actor): Promise<void> | void;
  /** After a replacement was stored. */
  onReplaced?(doc: Doc, original: Doc, actor: Actor): Promise<void> | void;
  /**
   * `onUpdate` or `onReplace` ran but nothing was stored (a hook refused, the document changed
   * meanwhile, the write failed): undo what the hook made outside the document (stored files).
   */
  onWriteRefused?(changes: Doc, original: Doc, actor: Actor): Promise<void> | void;
  /**
   * Before a document is deleted; a check only (run again when a system delete retries, and
   * nothing undoes its work).
   */
  onDelete?(doc: Doc, actor: Actor): Promise<void> | void;
  /** After a document was deleted. */
  onDeleted?(doc: Doc, actor: Actor): Promise<void> | void;
  /** After documents were read, before they are returned; may change them. */
  onFetched?(docs: Doc[], actor: Actor): Promise<void> | void;
}

/** The name of a hook. */
export type HookName = keyof ResourceHooks;
