/**
 * Graceful shutdown: the first SIGINT/SIGTERM runs the registered steps in order (stop
 * accepting and drain HTTP, stop workers after their current task, close connections), each
 * bounded by the shared deadline; a second signal exits at once.
 */
import { TIMED_OUT, within } from "../deadline.ts";
import type { Logger } from "../log.ts";

/** One named step; `run` receives the time left until the deadline. */
export interface ShutdownStep {
  name: string;
  run(remainingMs: number): Promise<void>;
}

/** Resolves once a shutdown signal has been handled and every step has finished. */
export function onShutdownSignal(
  steps: ShutdownStep[],
  { log, deadlineMs }: { log: Logger; deadlineMs: number },
): Promise<void> {
  const { promise, resolve } = Promise.withResolvers<void>();
  let stopping = false;
  const handler = async (signal: Deno.Signal) => {
    if (stopping) {
      log.warn("second signal: exiting now", { signal });
      Deno.exit(1);
    }
    stopping = true;
    log.info("shutting down", { signal, deadline_ms: deadlineMs });
    await runSteps(steps, { log, deadlineMs });
    for (const name of SIGNALS) Deno.removeSignalListener(name, listeners[name]);
    resolve();
  };
  const listeners = {
    SIGINT: () => void handler("SIGINT"),
    SIGTERM: () => void handler("SIGTERM"),
  };
  for (const name of SIGNALS) Deno.addSignalListener(name, listeners[name]);
  return promise;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Runs `steps` in order within one overall deadline; a step past it is abandoned, logged. */
export async function runSteps(
  steps: ShutdownStep[],
  { log, deadlineMs }: { log: Logger; deadlineMs: number },
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (const step of steps) {
    const remaining = Math.max(0, deadline - Date.now());
    try {
      if (await within(step.run(remaining), remaining) === TIMED_OUT) {
        log.warn("shutdown step passed the deadline", { step: step.name });
      }
    } catch (error) {
      log.error("shutdown step failed", { step: step.name, error });
    }
  }
}
