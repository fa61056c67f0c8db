/**
 * Keeps a serving process alive through errors nobody awaited: a rejected promise left floating
 * or an exception thrown from a timer (an app's fire-and-forget work, most often). Each is logged
 * at error level and the process carries on serving: every role keeps its state in the engines,
 * so there is nothing in memory a stray error could have left half-done that a crash would fix.
 */
import type { Logger } from "../log.ts";

/** Installs the handlers on this thread's global scope; returns a function removing them. */
export function containStrayErrors(log: Logger): () => void {
  const onRejection = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    log.error("unhandled promise rejection; still serving", { error: event.reason });
  };
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    log.error("uncaught error; still serving", { error: event.error ?? event.message });
  };
  globalThis.addEventListener("unhandledrejection", onRejection);
  globalThis.addEventListener("error", onError);
  return () => {
    globalThis.removeEventListener("unhandledrejection", onRejection);
    globalThis.removeEventListener("error", onError);
  };
}
