/**
 * What other modules add to an item's life without the newsroom knowing them (the content
 * model: templates, profiles, editor fields, autosave). Hooks run in registration order and are
 * awaited; one that throws refuses the write (nothing is stored).
 */
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";

/** Hooks on archive items; every method is optional. */
export interface ItemHooks {
  /**
   * These hooks are the media half of a save (Superdesk's `_handle_media_updates`: crops, media
   * usage, file references), which a correction runs on its changes too (`mediaSave`).
   */
  media?: boolean;
  /**
   * A new item after the server filled its fields, before it is stored (may change it).
   * `touched` names the fields the creator sent.
   */
  beforeCreate?(item: Doc, context: { actor: Actor; touched: ReadonlySet<string> }): Promise<void>;
  /** New items, stored. */
  afterCreate?(items: Doc[], actor: Actor): Promise<void>;
  /** A user's save (PATCH, or PUT as a full `updates`), before it is stored (may change it). */
  beforeSave?(updates: Doc, original: Doc, actor: Actor): Promise<void>;
  /**
   * A user's save whose `beforeSave` ran (or threw) but that was not stored: undo what
   * `beforeSave` made outside the item (files it stored).
   */
  saveRefused?(updates: Doc, original: Doc, actor: Actor): Promise<void>;
  /** A user's save, stored. */
  afterSave?(updates: Doc, original: Doc, actor: Actor): Promise<void>;
  /**
   * An item is about to be unlocked (by its holder, another user or a session end), or, a
   * never-saved draft, deleted (`deleting`).
   */
  beforeUnlock?(item: Doc, context: { deleting: boolean }): Promise<void>;
  /** An item was spiked: `item` as stored, `original` as it was before. */
  afterSpike?(item: Doc, original: Doc): Promise<void>;
  /** An item was deleted (by a user, or by content expiry): `item` as it was. */
  afterDelete?(item: Doc): Promise<void>;
}

/** A list of hooks with one `run` per phase. */
export class ItemHookList {
  #hooks: ItemHooks[] = [];

  /** Adds `hooks` (at start, by modules). */
  add(hooks: ItemHooks): void {
    this.#hooks.push(hooks);
  }

  async beforeCreate(item: Doc, context: { actor: Actor; touched: ReadonlySet<string> }) {
    for (const hooks of this.#hooks) await hooks.beforeCreate?.(item, context);
  }

  async afterCreate(items: Doc[], actor: Actor) {
    for (const hooks of this.#hooks) await hooks.afterCreate?.(items, actor);
  }

  async beforeSave(updates: Doc, original: Doc, actor: Actor) {
    for (const hooks of this.#hooks) await hooks.beforeSave?.(updates, original, actor);
  }

  async saveRefused(updates: Doc, original: Doc, actor: Actor) {
    for (const hooks of this.#hooks) await hooks.saveRefused?.(updates, original, actor);
  }

  /** The `beforeSave` of the media hooks only (a correction's changes). */
  async mediaSave(updates: Doc, original: Doc, actor: Actor) {
    for (const hooks of this.#hooks) {
      if (hooks.media) await hooks.beforeSave?.(updates, original, actor);
    }
  }

  /** The `saveRefused` of the media hooks only (a correction that was not stored). */
  async mediaSaveRefused(updates: Doc, original: Doc, actor: Actor) {
    for (const hooks of this.#hooks) {
      if (hooks.media) await hooks.saveRefused?.(updates, original, actor);
    }
  }

  async afterSave(updates: Doc, original: Doc, actor: Actor) {
    for (const hooks of this.#hooks) await hooks.afterSave?.(updates, original, actor);
  }

  async beforeUnlock(item: Doc, context: { deleting: boolean }) {
    for (const hooks of this.#hooks) await hooks.beforeUnlock?.(item, context);
  }

  async afterSpike(item: Doc, original: Doc) {
    for (const hooks of this.#hooks) await hooks.afterSpike?.(item, original);
  }

  async afterDelete(item: Doc) {
    for (const hooks of this.#hooks) await hooks.afterDelete?.(item);
  }
}
