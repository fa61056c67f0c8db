/**
 * The desk and stage a feed names for an item (NITF's `aap-desk` and `aap-stage` metadata,
 * Superdesk's `NITFFeedParser.get_task`): parsers cannot read the store, so they put the names in
 * `task_names`, and ingest turns them into the item's `task` (a desk of that name; its stage of
 * that name when exactly one) before storing it. A desk nobody has is no task; routing rules with
 * `preserve_desk` send the item to the task's desk.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { equalIgnoringCase } from "../storage/equal_ignoring_case.ts";

/**
 * The transient field parsers fill: `{desk: <name>, stage?: <name>, ignoreCase?: true}`; with
 * `ignoreCase` (a formatted e-mail's `Desk`, typed by a person) the desk's name matches in any
 * case and, no stage being named, the item goes to the desk's incoming stage, as Superdesk's.
 */
export const TASK_NAMES = "task_names";

/** Replaces `item`'s `task_names` with the `task` they name. */
export async function resolveTaskNames(registry: ResourceRegistry, item: Doc): Promise<void> {
  const names = item[TASK_NAMES] as Doc | undefined;
  delete item[TASK_NAMES];
  if (!names || typeof names.desk !== "string") return;
  const byName = names.ignoreCase === true
    ? equalIgnoringCase("name", names.desk)
    : { name: names.desk };
  const desk = await registry.service("desks").findOne(byName);
  if (!desk) return;
  const task: Doc = { desk: String(desk._id) };
  if (names.ignoreCase === true && desk.incoming_stage) task.stage = String(desk.incoming_stage);
  if (typeof names.stage === "string") {
    const { items } = await registry.service("stages").find({
      filter: { name: names.stage, desk: desk._id },
      page: 1,
      maxResults: 2,
      skipCount: true,
    });
    if (items.length === 1) task.stage = String(items[0]!._id);
  }
  item.task = task;
}
