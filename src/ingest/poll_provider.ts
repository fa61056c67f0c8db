/**
 * One poll of one provider (Superdesk's `update_provider` task): the feeding service yields
 * batches; each batch's items are stored (and routed) and only then acknowledged at the source,
 * and the provider's private state saved, so a poll killed at any point repeats at most the
 * batch it was in, which deduplication absorbs. Problems are logged and kept on the provider; a
 * failed poll counts towards backoff and may close the provider (`critical_errors`). As
 * Superdesk's, `last_updated` (where date-based services such as `reuters_http` start the next
 * poll) and `last_item_update`/`last_item_arrived` are written only when the poll completes, so
 * a poll that fails (unreachable source, 5xx, unreadable feed) leaves them where the last complete
 * poll put them and no story is skipped. Pushes `ingest:update` when items arrived.
 */
import type { Logger } from "../log.ts";
import type { Network } from "../net/address_policy.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Notify } from "../resources/notifier.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { feedingService } from "./feeding/feeding_services.ts";
import type { IngestProvidersService } from "./ingest_providers_service.ts";
import { asIngestError, IngestError } from "./ingest_error.ts";
import { ingestItems, type RouteItem } from "./ingest_items.ts";
import { withIsoDates } from "./iso_dates.ts";
import { feedParser } from "./parsers/parser_registry.ts";
import { closingFor, errorRecord, withRecentErrors } from "./provider_status.ts";

/** What a poll needs. */
export interface PollDeps {
  registry: ResourceRegistry;
  documents: DocumentStore;
  notify: Notify;
  log: Logger;
  defaultExpiryMinutes: number;
  /** Networks a URL from a feed's content may reach although not public (none when omitted). */
  contentNetworks?: readonly Network[];
  /** Routing for a provider's scheme; undefined when it has none. */
  routingFor?: (provider: Doc) => Promise<RouteItem | undefined>;
}

/** What a poll did. */
export interface PollResult {
  stored: number;
  skipped: number;
  problems: number;
  failed?: IngestError;
}

/** Polls provider `providerId` once (nothing when it is closed or gone). */
export async function pollProvider(
  deps: PollDeps,
  providerId: string,
  { signal = new AbortController().signal, now = () => new Date() }: {
    signal?: AbortSignal;
    now?: () => Date;
  } = {},
): Promise<PollResult> {
  const providers = deps.registry.service<IngestProvidersService>("ingest_providers");
  const provider = await providers.findOne({ _id: providerId });
  const result: PollResult = { stored: 0, skipped: 0, problems: 0 };
  if (!provider || provider.is_closed === true) return result;
  const log = deps.log.child({ provider: providerId, provider_name: provider.name });
  const started = now();
  const state: Doc = structuredClone((provider.private as Doc | undefined) ?? {});
  const errors: Doc[] = [];
  const status: Doc = { ingested_count: Number(provider.ingested_count ?? 0) };
  let lastItemUpdate = provider.last_item_update instanceof Date
    ? provider.last_item_update
    : undefined;
  let lastItemArrived: Date | undefined;
  const save = (fields: Doc) => providers.writeStatus(providerId, withIsoDates(fields));
  try {
    const service = feedingService(provider.feeding_service);
    if (!service) {
      throw new IngestError(2000, `unknown feeding service "${provider.feeding_service}"`);
    }
    const parserName = typeof provider.feed_parser === "string"
      ? provider.feed_parser
      : service.defaultParser;
    const parser = feedParser(parserName);
    if (parserName && !parser) throw new IngestError(2000, `unknown feed parser "${parserName}"`);
    const route = await deps.routingFor?.(provider);
    const ruleSet = provider.rule_set
      ? await deps.registry.service("rule_sets").findOne({ _id: provider.rule_set })
      : null;
    for await (
      const batch of service.poll({
        provider,
        parser,
        state,
        signal,
        log,
        now: started,
        contentNetworks: deps.contentNetworks,
      })
    ) {
      const stored = await ingestItems(deps, provider, batch.result.items, {
        now: now(),
        route,
        ruleSet,
      });
      const problems = [...batch.result.problems, ...stored.problems];
      const failed = batch.result.items.length === 0 && problems.length > 0;
      await batch.commit(failed);
      result.stored += stored.stored.length;
      result.skipped += stored.skipped;
      result.problems += problems.length;
      for (const problem of problems) {
        log.warn("ingest problem", {
          code: problem.code,
          error: problem.message,
          payload: batch.name,
        });
        errors.push(errorRecord(problem, now(), batch.name));
      }
      for (const item of stored.stored) {
        const created = new Date(String(item.versioncreated ?? ""));
        if (!Number.isNaN(created.getTime()) && (!lastItemUpdate || created > lastItemUpdate)) {
          lastItemUpdate = created;
        }
      }
      status.ingested_count = Number(status.ingested_count) + stored.stored.length;
      if (stored.stored.length) lastItemArrived = now();
      await save({ private: state, ingested_count: status.ingested_count });
      log.info("ingest batch stored", {
        payload: batch.name,
        stored: stored.stored.length,
        skipped: stored.skipped,
        problems: problems.length,
      });
    }
    status.error_count = 0;
    status.last_updated = started;
    if (lastItemArrived) {
      status.last_item_update = lastItemUpdate ?? lastItemArrived;
      status.last_item_arrived = lastItemArrived;
    }
  } catch (error) {
    if (signal.aborted) throw error;
    const failure = asIngestError(error, 2004);
    result.failed = failure;
    log.error("ingest poll failed", { code: failure.code, error: failure.message });
    errors.push(errorRecord(failure, now()));
    status.error_count = Number(provider.error_count ?? 0) + 1;
    const closing = closingFor(provider, failure, now());
    if (closing) {
      await providers.update(providerId, closing, { actor: SYSTEM_ACTOR });
      status.is_closed = true;
    }
  }
  if (errors.length) {
    status.last_error = errors[errors.length - 1];
    status.recent_errors = withRecentErrors(provider.recent_errors, errors);
  }
  const { is_closed: _closed, ...written } = status;
  await save(written);
  log.info("ingest poll done", { ...result, failed: result.failed?.message });
  if (result.stored > 0) await deps.notify("ingest:update", { provider_id: providerId });
  const changed = status.is_closed === true ||
    (status.error_count === 0) !== (Number(provider.error_count ?? 0) === 0);
  if (changed) await deps.notify("ingest_provider:update", { provider_id: providerId });
  return result;
}
