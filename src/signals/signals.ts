/**
 * The signal hub of one process (Superdesk's blinker `signals` namespace). Apps subscribe while
 * they register; senders `await emit(name, payload)` after their change is stored. Handlers run
 * one after another in registration order, each with the same deep-frozen copy of the payload.
 * A handler that throws (or rejects) is logged with its app's name and skipped: the sender and
 * the other handlers carry on. A handler still running after `timeoutMs` is logged and no
 * longer awaited, so a slow app cannot hold a request. `close()` (the platform's, before its
 * stores close) aborts the handlers' signal and waits for the running ones, so none is left
 * running against closed stores, as the task runner waits for its task in flight.
 */
import { TIMED_OUT, within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import { frozenCopy } from "./frozen_copy.ts";
import type { SignalContext, SignalHandler, SignalMap, SignalName } from "./signal_map.ts";

/** How long `emit` waits for one handler, and `close` for the running ones, by default. */
export const SIGNAL_HANDLER_TIMEOUT_MS = 10_000;

/** What `#start` answers for a handler it did not start because closing had begun. */
const NOT_STARTED: unique symbol = Symbol("not started");

interface Subscription {
  app: string;
  handler: SignalHandler<SignalName>;
}

export class Signals {
  #subscriptions = new Map<SignalName, Subscription[]>();
  #log: Logger;
  #timeoutMs: number;
  #closing = new AbortController();
  #context: SignalContext = Object.freeze({ signal: this.#closing.signal });
  /** Handlers started and not settled yet (awaited by `emit` or left running past the timeout). */
  #running = new Set<Promise<void>>();

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

  /** Runs every handler of `name`; never throws. Once `close()` began, runs none. */
  async emit<K extends SignalName>(name: K, payload: SignalMap[K]): Promise<void> {
    const subscriptions = this.#subscriptions.get(name);
    if (!subscriptions?.length) return;
    const frozen = frozenCopy(payload);
    for (const { app, handler } of subscriptions) {
      try {
        const outcome = await within(this.#start(handler, frozen), this.#timeoutMs);
        if (outcome === NOT_STARTED) {
          this.#log.warn("signal not sent: closing", { app, signal: name });
        } else if (outcome === TIMED_OUT) {
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

  /**
   * Aborts the handlers' signal, runs no handler from now on, and resolves once every running
   * handler has settled, or after `timeoutMs` (those still running are logged and left).
   */
  async close(): Promise<void> {
    this.#closing.abort(new Error("the platform is closing"));
    if (this.#running.size === 0) return;
    if (await within(Promise.all(this.#running), this.#timeoutMs) === TIMED_OUT) {
      this.#log.warn("signal handlers still running at close; no longer awaited", {
        running: this.#running.size,
        timeoutMs: this.#timeoutMs,
      });
    }
  }

  /**
   * Runs `handler` on the next microtask, counted in `#running` until it settles; `NOT_STARTED`
   * when closing began before then (also between `emit`'s call and that microtask).
   */
  #start(handler: SignalHandler<SignalName>, payload: unknown): Promise<unknown> {
    const run = Promise.resolve().then(() =>
      this.#closing.signal.aborted
        ? NOT_STARTED
        : handler(payload as SignalMap[SignalName], this.#context)
    );
    const settled = run.then(ignore, ignore);
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
    return run;
  }
}

function ignore(): void {}
