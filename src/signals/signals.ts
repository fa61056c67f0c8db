/**
 * The signal hub of one process (Superdesk's blinker `signals` namespace). Apps subscribe while
 * they register; senders `await emit(name, payload)` after their change is stored. Handlers run
 * one after another in registration order, each with the same deep-frozen copy of the payload.
 * A handler that throws (or rejects) is logged with its app's name and skipped: the sender and
 * the other handlers carry on. A handler still running after `timeoutMs` is logged and no
 * longer awaited, so a slow app cannot hold a request.
 */
import { TIMED_OUT, within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import { frozenCopy } from "./frozen_copy.ts";
import type { SignalHandler, SignalMap, SignalName } from "./signal_map.ts";

/** How long `emit` waits for one handler by default. */
export const SIGNAL_HANDLER_TIMEOUT_MS = 10_000;

interface Subscription {
  app: string;
  handler: SignalHandler<SignalName>;
}

export class Signals {
  #subscriptions = new Map<SignalName, Subscription[]>();
  #log: Logger;
  #timeoutMs: number;

  constructor(log: Logger, { timeoutMs = SIGNAL_HANDLER_TIMEOUT_MS } = {}) {
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  /** Subscribes `handler` of `app` to `name`. */
  on<K extends SignalName>(name: K, handler: SignalHandler<K>, { app }: { app: string }): void {
    const list = this.#subscriptions.get(name) ?? [];
    list.push({ app, handler: handler as SignalHandler<SignalName> });
    this.#subscriptions.set(name, list);
  }

  /** True when anything listens to `name` (senders may skip building a costly payload). */
  has(name: SignalName): boolean {
    return (this.#subscriptions.get(name)?.length ?? 0) > 0;
  }

  /** Runs every handler of `name`; never throws. */
  async emit<K extends SignalName>(name: K, payload: SignalMap[K]): Promise<void> {
    const subscriptions = this.#subscriptions.get(name);
    if (!subscriptions?.length) return;
    const frozen = frozenCopy(payload);
    for (const { app, handler } of subscriptions) {
      try {
        const outcome = await within(
          Promise.resolve().then(() => handler(frozen)),
          this.#timeoutMs,
        );
        if (outcome === TIMED_OUT) {
          this.#log.warn("signal handler still running; no longer awaited", {
            app,
            signal: name,
            timeoutMs: this.#timeoutMs,
          });
        }
      } catch (error) {
        this.#log.error("signal handler failed; skipped", { app, signal: name, error });
      }
    }
  }
}
