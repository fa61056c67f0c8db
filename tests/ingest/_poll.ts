/** Drives a feeding service's poll the way the poller does: every batch, committed in turn. */
import { silentLogger } from "../../src/log.ts";
import type { FeedingService } from "../../src/ingest/feeding/feeding_service.ts";
import type { FeedParser } from "../../src/ingest/parsers/feed_parser.ts";
import { IngestError } from "../../src/ingest/ingest_error.ts";
import assert from "node:assert/strict";
import type { Doc } from "../../src/storage/document_store.ts";
import type { Network } from "../../src/net/address_policy.ts";

/** What one poll produced. */
export interface Polled {
  batches: string[];
  items: Doc[];
  problems: IngestError[];
  /** The provider's private state after the poll. */
  state: Doc;
  /** The state as the poller saves it: after each batch's commit; undefined with no batch. */
  saved?: Doc;
}

/** Polls `service` for `provider`; a batch is committed as failed when it has only problems. */
export async function pollOnce(
  service: FeedingService,
  provider: Doc,
  { parser, state = {}, now = new Date(), contentNetworks }: {
    parser?: FeedParser;
    state?: Doc;
    now?: Date;
    /** Networks links from the feed's content may reach (INGEST_CONTENT_URL_ALLOWED_NETWORKS). */
    contentNetworks?: readonly Network[];
  } = {},
): Promise<Polled> {
  const polled: Polled = { batches: [], items: [], problems: [], state };
  for await (
    const batch of service.poll({
      provider,
      parser,
      state,
      signal: new AbortController().signal,
      log: silentLogger,
      now,
      contentNetworks,
    })
  ) {
    polled.batches.push(batch.name);
    polled.items.push(...batch.result.items);
    polled.problems.push(...batch.result.problems);
    await batch.commit(batch.result.items.length === 0 && batch.result.problems.length > 0);
    polled.saved = structuredClone(state);
  }
  return polled;
}

/** The IngestError `run` fails with (asserted: it fails, and with an IngestError). */
export async function ingestFailure(run: () => Promise<unknown>): Promise<IngestError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof IngestError, String(error));
    return error;
  }
  throw new assert.AssertionError({ message: "no failure" });
}
