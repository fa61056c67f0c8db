/**
 * Stage rules (Superdesk's `send_to` with `apply_stage_rule`): a stage may name a macro to run
 * on the items leaving it (`outgoing_macro`) and one for the items arriving (`incoming_macro`).
 * Both run on a copy of the item, the outgoing one first; the fields they change join the
 * action's own updates. A failing macro refuses the action (the macros module's 400); without
 * the macros module, or for a macro nobody installed, nothing runs. A third, `onstage_macro`
 * (Superdesk's `apply_onstage_rule`), runs on an item once a move has stored it on the stage: its
 * changes are not kept and its failure answers the move with a 400, the item staying moved.
 */
import { isDeepStrictEqual } from "node:util";
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";

/** The rules a stage may name a macro for (`<rule>_macro`). */
type StageRule = "incoming" | "outgoing" | "onstage";

/** What the rules need of the macros service (`MacrosService.applyStageRule`). */
interface StageMacros {
  applyStageRule(
    name: string,
    item: Doc,
    context: { actor: Actor; rule: StageRule; stage: Doc },
  ): Promise<Doc | undefined>;
}

/**
 * The fields the outgoing rule of stage `from` and the incoming rule of stage `to` change on
 * `item` (Superdesk's `compare_dictionaries`); meta fields (`_…`) are never taken. `task` is
 * the item's task on its destination, which the incoming rule sees.
 */
export async function stageRuleChanges(
  registry: ResourceRegistry,
  item: Doc,
  { from, to, actor, task }: { from: Doc | null; to: Doc | null; actor: Actor; task?: Doc },
): Promise<Doc> {
  if (!registry.has("macros")) return {};
  const macros = registry.service("macros") as unknown as StageMacros;
  let current = item;
  for (const [stage, rule] of [[from, "outgoing"], [to, "incoming"]] as const) {
    const name = stage?.[`${rule}_macro`];
    if (!stage || typeof name !== "string" || name === "") continue;
    // The incoming rule sees the item on its destination (Superdesk passes it the destination
    // desk and task); the task it had is restored unless the macro changed it.
    const input = rule === "incoming" && task ? { ...current, task } : current;
    const output = await macros.applyStageRule(name, input, { actor, rule, stage }) ?? input;
    current = input !== current && isDeepStrictEqual(output.task, task)
      ? { ...output, task: current.task }
      : output;
  }
  const changes: Doc = {};
  for (const [key, value] of Object.entries(current)) {
    if (!key.startsWith("_") && !isDeepStrictEqual(value, item[key])) changes[key] = value;
  }
  return changes;
}

/**
 * Runs the `onstage_macro` of the stage `item` is on (stored there by a move) on a copy of it;
 * throws the macros module's 400 when the macro fails. Nothing the macro changes is kept, as
 * in Superdesk (which calls it without updates to collect).
 */
export async function applyOnstageRule(
  registry: ResourceRegistry,
  item: Doc,
  actor: Actor,
): Promise<void> {
  const stageId = (item.task as Doc | undefined)?.stage;
  if (!registry.has("macros") || typeof stageId !== "string") return;
  const stage = await registry.service("stages").findOne({ _id: stageId });
  const name = stage?.onstage_macro;
  if (!stage || typeof name !== "string" || name === "") return;
  const macros = registry.service("macros") as unknown as StageMacros;
  await macros.applyStageRule(name, item, { actor, rule: "onstage", stage });
}
