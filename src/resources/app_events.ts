/**
 * In-process application events between modules (Superdesk's `app.on_session_end` and friends):
 * one module announces, others react, without importing each other. Listeners run in order and
 * are awaited; a failing listener is logged and does not stop the others or the caller.
 */
import type { Logger } from "../log.ts";

/** Every event and its payload. */
export interface AppEventMap {
  /** A session ended (logout, expiry, its user disabled or deleted). */
  "session:end": { sessionId: string; userId: string };
  /**
   * An item went out (Superdesk's `signals.item_published`): after a publishing action, or when
   * a scheduled item's time came (`afterScheduled`).
   */
  "item:published": { item: Record<string, unknown>; afterScheduled: boolean };
}

type Listener<K extends keyof AppEventMap> = (
  payload: AppEventMap[K],
) => Promise<unknown> | unknown;

export class AppEvents {
  #listeners = new Map<keyof AppEventMap, Listener<keyof AppEventMap>[]>();
  #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  on<K extends keyof AppEventMap>(name: K, listener: Listener<K>): void {
    const list = this.#listeners.get(name) ?? [];
    list.push(listener as Listener<keyof AppEventMap>);
    this.#listeners.set(name, list);
  }

  async emit<K extends keyof AppEventMap>(name: K, payload: AppEventMap[K]): Promise<void> {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        await listener(payload);
      } catch (error) {
        this.#log.error("app event listener failed", { event: name, error });
      }
    }
  }
}
