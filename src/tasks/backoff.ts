/**
 * Retry delays: exponential backoff with full jitter (a uniform value between 0 and the
 * exponential cap), as Celery's autoretry does; it spreads retries of tasks that failed together.
 */
import type { Backoff } from "./task_queue.ts";

/** The delay before the retry that follows failed attempt `attempt` (1-based). */
export function backoffDelay(
  backoff: Backoff,
  attempt: number,
  { random = Math.random }: { random?: () => number } = {},
): number {
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}
