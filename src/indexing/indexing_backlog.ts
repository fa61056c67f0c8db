/**
 * The indexing backlog for operators: `/ready` shows it (informative: a backlog means search
 * lags, not that this process cannot serve) and `/metrics` exports it as gauges.
 */
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import { SearchDeadLetters } from "./dead_letters.ts";
import { type OutboxStats, SearchOutbox } from "./search_outbox.ts";

/** The backlog as `/ready` shows it; `error` when the store could not be read. */
export async function indexingBacklog(
  documents: DocumentStore,
): Promise<
  {
    pending: number | null;
    oldest_age_seconds: number | null;
    dead_letters: number | null;
    error?: string;
  }
> {
  try {
    const stats: OutboxStats = await new SearchOutbox(documents).stats();
    return {
      pending: stats.pending,
      oldest_age_seconds: stats.oldestAgeSeconds,
      dead_letters: await new SearchDeadLetters(documents).count(),
    };
  } catch (error) {
    return { pending: null, oldest_age_seconds: null, dead_letters: null, error: String(error) };
  }
}

/**
 * Registers `superdesk_search_outbox_pending`, `superdesk_search_outbox_oldest_age_seconds` and
 * `superdesk_search_dead_letters`.
 */
export function registerIndexingMetrics(metrics: MetricsRegistry, documents: DocumentStore): void {
  const outbox = new SearchOutbox(documents);
  const deadLetters = new SearchDeadLetters(documents);
  metrics.gauge(
    "superdesk_search_dead_letters",
    "Documents the search engine refuses for good (listed by index:check)",
    async (gauge) => gauge.set(await deadLetters.count()),
  );
  metrics.gauge(
    "superdesk_search_outbox_pending",
    "Index writes waiting for retry in the search outbox",
    async (gauge) => gauge.set((await outbox.stats()).pending),
  );
  metrics.gauge(
    "superdesk_search_outbox_oldest_age_seconds",
    "Age of the oldest search outbox entry (0 when empty)",
    async (gauge) => gauge.set((await outbox.stats()).oldestAgeSeconds ?? 0),
  );
}
