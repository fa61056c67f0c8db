/**
 * The Elasticsearch client the platform gives the search index: requests go over plain
 * keep-alive sockets (`SocketConnection`), and a failed one is retried once, quickly (100–200 ms
 * later) instead of after the transport's 1–2 s backoff, because a write whose indexing fails is recorded in the
 * outbox and retried by workers, so a request should not wait long for an engine that is down;
 * reads still survive one dropped keep-alive connection.
 */
import { Client, Transport, type TransportOptions } from "@elastic/elasticsearch";
import { SocketConnection } from "./socket_connection.ts";

/** Options of `createElasticClient`. */
export interface ElasticClientOptions {
  url: string;
  maxRetries?: number;
  /** Base delay before a retry, in milliseconds (doubled per attempt, with jitter). */
  retryDelayMs?: number;
  /** Milliseconds a request may take before it fails with a `TimeoutError` (default 30 s). */
  requestTimeoutMs?: number;
}

/** A client whose retries wait `retryDelayMs`·2^(attempt-1) to twice that. */
export function createElasticClient(
  { url, maxRetries = 1, retryDelayMs = 100, requestTimeoutMs = 30_000 }: ElasticClientOptions,
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
  return new Client({
    node: url,
    maxRetries,
    requestTimeout: requestTimeoutMs,
    Transport: QuickRetryTransport,
    Connection: SocketConnection,
  });
}
