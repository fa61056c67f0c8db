/**
 * Where an index write that did not happen is recorded: a document the engine refuses for
 * good (`permanent`) goes to the dead letters, with the `_etag` that was refused; anything else
 * goes to the outbox, which retries it until the engine takes it.
 */
import type { Logger } from "../log.ts";
import type { WriteFailure } from "../search/search_index.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import { SearchDeadLetters } from "./dead_letters.ts";
import { SearchOutbox } from "./search_outbox.ts";

/** Records `failures` of `resource`; returns how many went to the outbox for retry. */
export async function recordFailures(
  deps: { documents: DocumentStore; log: Logger },
  resource: string,
  failures: WriteFailure[],
  etags: ReadonlyMap<string, unknown> = new Map(),
): Promise<{ retried: number; refused: number }> {
  const refused = failures.filter((f) => f.permanent);
  const retried = failures.filter((f) => !f.permanent);
  if (refused.length) {
    deps.log.error("the search engine refuses documents for good; see index:check", {
      resource,
      ids: refused.slice(0, 10).map((f) => f._id),
      count: refused.length,
      reason: refused[0]!.reason,
    });
    await new SearchDeadLetters(deps.documents).record(
      resource,
      refused.map((f) => ({ _id: f._id, reason: f.reason, etag: etagOf(etags.get(f._id)) })),
    );
  }
  if (retried.length) await new SearchOutbox(deps.documents).record(resource, retried);
  return { retried: retried.length, refused: refused.length };
}

function etagOf(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
