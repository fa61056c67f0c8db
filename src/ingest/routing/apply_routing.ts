/**
 * Applying a provider's routing scheme to a stored ingest item (Superdesk's
 * `apply_routing_scheme` and `DeskFetchPublishRoutingRuleHandler`): rules in order, those
 * scheduled now, whose handler takes the item and whose content filter matches; each fetches the
 * item to its fetch destinations (state `routed`), to its publish destinations then publishes
 * it; a destination's `macro` transforms the item it receives; `preserve_desk` sends it to the
 * desk (and stage, else the incoming one) the item names; `exit` stops at that rule. As in
 * Superdesk, a destination whose fetch, macro or publish is refused does not stop the others; the
 * refusals are then reported together as the item's problem (it stays pending). Archive ids are
 * derived from the ingest item, its version, the rule and the destination, so repeating a pass
 * (after a poll was killed, or a refusal) finds the items it made instead of doubling them, and
 * publishes only those still `routed`.
 */
import { AppFailure } from "../../app_failure.ts";
import type { Config } from "../../config/config.ts";
import { HttpError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import type { TaskQueue } from "../../tasks/task_queue.ts";
import { SYSTEM_ACTOR } from "../../resources/actor.ts";
import type { Doc } from "../../storage/document_store.ts";
import { type FilterSet, matchesContentFilter } from "../../publish/content_filter_match.ts";
import { IngestError } from "../ingest_error.ts";
import { type FetchDeps, fetchFromIngest } from "../fetch_item.ts";
import type { RouteItem } from "../ingest_items.ts";
import type { PublishRoutedItem } from "./publish_action.ts";
import type { RunRoutingMacro } from "./routing_macro.ts";
import { ruleHandler } from "./rule_handlers.ts";
import { isScheduled } from "./rule_schedule.ts";

/** A scheme ready to apply: its rules and the content filters they may use. */
export interface LoadedScheme {
  scheme: Doc;
  filters: FilterSet;
}

/** What routing needs: fetching, the queue, publishing and macros when available. */
export type RoutingDeps = FetchDeps & {
  log: Logger;
  queue: TaskQueue;
  config: Config;
  publish?: PublishRoutedItem;
  runMacro?: RunRoutingMacro;
};

/** The routing function for `loaded`. */
export function routeWith(
  deps: RoutingDeps,
  loaded: LoadedScheme,
  { now = () => new Date() }: { now?: () => Date } = {},
): RouteItem {
  return async (item) => {
    let fetched = false;
    const refusals: string[] = [];
    const rules = Array.isArray(loaded.scheme.rules) ? loaded.scheme.rules as Doc[] : [];
    for (const [index, rule] of rules.entries()) {
      if (!isScheduled(rule, now())) continue;
      const handler = ruleHandler(String(rule.handler ?? "desk_fetch_publish"));
      if (!handler?.canHandle(item)) continue;
      const filter = rule.filter
        ? loaded.filters.contentFilters.get(String(rule.filter))
        : undefined;
      if (rule.filter && !filter) {
        throw new IngestError(
          2003,
          `rule "${rule.name}": content filter ${rule.filter} is missing`,
        );
      }
      if (!matchesContentFilter(filter, item, loaded.filters)) continue;
      deps.log.info("routing rule matched", {
        item: item._id,
        scheme: loaded.scheme.name,
        rule: rule.name,
      });
      fetched = await applyRule(deps, item, rule, index, refusals) || fetched;
      if ((rule.actions as Doc | undefined)?.exit === true) break;
    }
    if (refusals.length) throw new IngestError(2009, `routing refused: ${refusals.join("; ")}`);
    return fetched;
  };
}

/** Applies one matching rule; true when it fetched the item anywhere. Refusals go to `refusals`. */
async function applyRule(
  deps: RoutingDeps,
  item: Doc,
  rule: Doc,
  index: number,
  refusals: string[],
): Promise<boolean> {
  const actions = (rule.actions ?? {}) as Doc;
  const attempt = <T>(what: string, fn: () => Promise<T>) =>
    refused(refusals, `rule "${rule.name}" ${what}`, fn);
  let fetchedAny = false;
  let fetches = Array.isArray(actions.fetch) ? actions.fetch as Doc[] : [];
  const itemDesk = (item.task as Doc | undefined)?.desk;
  if (actions.preserve_desk === true && typeof itemDesk === "string") {
    const task = item.task as Doc;
    const destination = { desk: itemDesk, stage: task.stage };
    if (
      await attempt("preserve_desk", () => routeTo(deps, item, destination, `${index}:preserve`))
    ) {
      fetchedAny = true;
    }
    fetches = fetches.filter((destination) => destination.desk !== itemDesk);
  }
  for (const [n, destination] of fetches.entries()) {
    if (
      await attempt(`fetch ${n}`, () => routeTo(deps, item, destination, `${index}:fetch:${n}`))
    ) {
      fetchedAny = true;
    }
  }
  const publishes = Array.isArray(actions.publish) ? actions.publish as Doc[] : [];
  for (const [n, destination] of publishes.entries()) {
    const target: Doc = {};
    if (destination.target_subscribers) target.target_subscribers = destination.target_subscribers;
    if (destination.target_types) target.target_types = destination.target_types;
    const key = `${index}:publish:${n}`;
    const routed = await attempt(
      `publish ${n}`,
      () => routeTo(deps, item, destination, key, target),
    );
    if (!routed) continue;
    fetchedAny = true;
    // An earlier pass published it (or someone took it on): never published twice.
    if (routed.state !== "routed") continue;
    const publish = deps.publish;
    if (!publish) {
      refusals.push(
        `rule "${rule.name}": publishing is not available; item ${routed._id} stays on its desk`,
      );
      continue;
    }
    await attempt(`publish ${n}`, () => publish(routed, deps));
  }
  return fetchedAny;
}

/**
 * Runs `fn`; a refusal (a 4xx, an ingest error, an app's macro failing) is noted in `refusals`
 * and answers undefined, as Superdesk logs a destination's failure and goes on; anything else
 * (the store failing) fails the pass.
 */
async function refused<T>(
  refusals: string[],
  what: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    const refusal = error instanceof IngestError || error instanceof AppFailure ||
      (error instanceof HttpError && error.status < 500);
    if (!refusal) throw error;
    refusals.push(`${what}: ${(error as Error).message}`);
    return undefined;
  }
}

async function routeTo(
  deps: RoutingDeps,
  item: Doc,
  destination: Doc,
  key: string,
  extra?: Doc,
) {
  const macro = typeof destination.macro === "string" && destination.macro !== ""
    ? destination.macro
    : undefined;
  const { runMacro } = deps;
  if (macro && !runMacro) throw new IngestError(2003, `macros are not available to "${macro}"`);
  return await fetchFromIngest(deps, String(item._id), {
    desk: destination.desk,
    stage: destination.stage ?? undefined,
    state: "routed",
    actor: SYSTEM_ACTOR,
    archiveId: await routedId(item, key),
    extra,
    stamp: false,
    // The macro sees the destination desk in `task` (Superdesk passes it as `dest_desk_id`:
    // "Set Default Template Metadata" fills from that desk's template); fetching sets it anyway.
    transform: macro
      ? (copy) => runMacro!(macro, { ...copy, task: destinationTask(copy.task, destination) })
      : undefined,
  });
}

/** `task` on the destination's desk (and stage, when it names one). */
function destinationTask(task: unknown, destination: Doc): Doc {
  const place: Doc = { desk: destination.desk };
  if (destination.stage) place.stage = destination.stage;
  return { ...(task !== null && typeof task === "object" ? task : {}), ...place };
}

/** A stable archive id for routing `item` (this version) by rule/destination `key`. */
async function routedId(item: Doc, key: string): Promise<string> {
  const text = `${item._id}|${item.version ?? ""}|${item.versioncreated ?? ""}|${key}`;
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  const hex = Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join(
    "",
  );
  return `urn:newsml:localhost:routed:${hex}`;
}
