/**
 * Applying a provider's routing scheme to a stored ingest item (Superdesk's
 * `apply_routing_scheme` and `DeskFetchPublishRoutingRuleHandler`): rules in order, those
 * scheduled now, whose handler takes the item and whose content filter matches; each fetches the
 * item to its fetch destinations (state `routed`), to its publish destinations then publishes
 * it; a destination's `macro` transforms the item it receives; `preserve_desk` sends it to the
 * desk (and stage, else the incoming one) the item names; `exit` stops at that rule. Archive ids
 * are derived from the ingest item, its version, the rule and the destination, so repeating a
 * pass (after a poll was killed) finds the items it made instead of doubling them.
 */
import type { Config } from "../../config/config.ts";
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
      fetched = await applyRule(deps, item, rule, index) || fetched;
      if ((rule.actions as Doc | undefined)?.exit === true) break;
    }
    return fetched;
  };
}

/** Applies one matching rule; true when it fetched the item anywhere. */
async function applyRule(
  deps: RoutingDeps,
  item: Doc,
  rule: Doc,
  index: number,
): Promise<boolean> {
  const actions = (rule.actions ?? {}) as Doc;
  let fetchedAny = false;
  let fetches = Array.isArray(actions.fetch) ? actions.fetch as Doc[] : [];
  const itemDesk = (item.task as Doc | undefined)?.desk;
  if (actions.preserve_desk === true && typeof itemDesk === "string") {
    const task = item.task as Doc;
    await routeTo(deps, item, { desk: itemDesk, stage: task.stage }, `${index}:preserve`);
    fetchedAny = true;
    fetches = fetches.filter((destination) => destination.desk !== itemDesk);
  }
  for (const [n, destination] of fetches.entries()) {
    await routeTo(deps, item, destination, `${index}:fetch:${n}`);
    fetchedAny = true;
  }
  const publishes = Array.isArray(actions.publish) ? actions.publish as Doc[] : [];
  for (const [n, destination] of publishes.entries()) {
    const target: Doc = {};
    if (destination.target_subscribers) target.target_subscribers = destination.target_subscribers;
    if (destination.target_types) target.target_types = destination.target_types;
    const routed = await routeTo(deps, item, destination, `${index}:publish:${n}`, target);
    fetchedAny = true;
    if (!deps.publish) {
      throw new IngestError(
        2003,
        `rule "${rule.name}": publishing is not available; item ${routed._id} stays on its desk`,
      );
    }
    await deps.publish(routed, deps);
  }
  return fetchedAny;
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
    transform: macro ? (copy) => runMacro!(macro, copy) : undefined,
  });
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
