/**
 * The content state machine (Superdesk's `superdesk/workflow.py` actions registered by
 * `apps/archive`, `apps/duplication/archive_move.py` and `apps/archive/archive_spike.py`):
 * which states each action may start from and which state it leads to. An illegal transition is
 * a 400 naming the action and the state.
 */
import { BadRequestError } from "../errors.ts";

/** Every state an item may be in. */
export const ITEM_STATES = [
  "draft",
  "ingested",
  "routed",
  "fetched",
  "submitted",
  "in_progress",
  "spiked",
  "published",
  "killed",
  "corrected",
  "scheduled",
  "recalled",
  "unpublished",
  "correction",
  "being_corrected",
] as const;

/**
 * The states `/api/archive` lists and searches of archive find (Superdesk's archive
 * `elastic_filter`); items that went out are listed and searched through `published`.
 */
export const ARCHIVE_SEARCH_STATES: readonly ItemState[] = [
  "draft",
  "fetched",
  "routed",
  "in_progress",
  "spiked",
  "submitted",
  "unpublished",
  "correction",
];

/** A content state. */
export type ItemState = typeof ITEM_STATES[number];

/** A workflow action with the states it may start from. */
export type WorkflowAction = "save" | "move" | "spike" | "unspike";

/** The states an action may start from: only `include`, or all but `exclude`. */
export interface ActionRule {
  include?: readonly string[];
  exclude?: readonly string[];
}

/** Each action's rule (Superdesk's `workflow_action` registrations). */
export const ACTION_RULES: Readonly<Record<WorkflowAction, ActionRule>> = {
  save: { include: ["draft", "fetched", "routed", "submitted", "scheduled", "unpublished"] },
  move: {
    include: [
      "draft",
      "fetched",
      "routed",
      "submitted",
      "in_progress",
      "published",
      "scheduled",
      "unpublished",
      "correction",
    ],
  },
  spike: { exclude: ["spiked", "published", "scheduled", "corrected", "killed"] },
  unspike: { include: ["spiked"] },
};

/** States an edit keeps as they are (Superdesk's `update_state`). */
const KEPT_ON_SAVE = new Set(["ingested", "in_progress", "scheduled", "correction"]);

/** States a move leaves unchanged (everything else becomes `submitted`). */
const KEPT_ON_MOVE = new Set(["published", "scheduled", "killed", "recalled", "correction"]);

/** States in which an item can no longer be edited at all. */
export const IMMUTABLE_STATES: ReadonlySet<string> = new Set(["killed", "recalled"]);

/** True when `action` may start from `state`. */
export function canTransition(action: WorkflowAction, state: string): boolean {
  const rule = ACTION_RULES[action];
  if (rule.include) return rule.include.includes(state);
  return !(rule.exclude ?? []).includes(state);
}

/** Throws the 400 for an illegal transition. */
export function assertTransition(action: WorkflowAction, state: string): void {
  if (!canTransition(action, state)) {
    throw new BadRequestError(
      `Workflow transition is invalid: cannot ${action} an item in state "${state}"`,
      { issues: { state } },
    );
  }
}

/** The state after an edit: kept, else `in_progress` on a desk and `draft` in personal space. */
export function stateAfterSave(state: string, { onDesk }: { onDesk: boolean }): string {
  if (KEPT_ON_SAVE.has(state)) return state;
  assertTransition("save", state);
  return onDesk ? "in_progress" : "draft";
}

/** The state after a move to a desk. */
export function stateAfterMove(state: string): string {
  assertTransition("move", state);
  return KEPT_ON_MOVE.has(state) ? state : "submitted";
}

/** The state an unspike restores: the state before the spike, else `draft`. */
export function stateAfterUnspike(state: string, revertState: unknown): string {
  assertTransition("unspike", state);
  return typeof revertState === "string" && revertState !== "spiked" ? revertState : "draft";
}
