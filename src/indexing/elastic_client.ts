/**
 * The Elasticsearch client the platform gives the search index: one quick retry (100–200 ms
 * later) instead of the transport's 1–2 s backoff, because a write whose indexing fails is
 * recorded in the outbox and retried by workers, so a request should not wait long for an
 * engine that is down; reads still survive one dropped keep-alive connection.
 */
import { Client, Transport, type TransportOptions } from "@elastic/elasticsearch";

/** Options of `createElasticClient`. */
export interface ElasticClientOptions {
  url: string;
  maxRetries?: number;
  /** Base delay before a retry, in milliseconds (doubled per attempt, with jitter). */
  retryDelayMs?: number;
}

/** A client whose retries wait `retryDelayMs`·2^(attempt-1) to twice that. */
export function createElasticClient(
  { url, maxRetries = 1, retryDelayMs = 100 }: ElasticClientOptions,
): Client {
  const retryBackoff = (_min: number, _max: number, attempt: number) => {
    const base = retryDelayMs * 2 ** Math.max(0, attempt - 1);
    return (base + Math.random() * base) / 1000;
  };
  class QuickRetryTransport extends Transport {
    constructor(options: TransportOptions) {
      super({ ...options, retryBackoff });
    }
  }
  return new Client({ node: url, maxRetries, Transport: QuickRetryTransport });
}
