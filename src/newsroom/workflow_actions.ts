/**
 * The workflow actions the newsroom implements, as Superdesk declares them (`archive_spike.py`,
 * `archive_move.py`), from the state machine's own rules (`item_state.ts`): a session's
 * `allowed_actions` lists those whose privileges it holds.
 */
import type { WorkflowAction } from "../apps/workflow_action_registry.ts";
import { ACTION_RULES } from "./item_state.ts";
import { ARCHIVE_PRIVILEGE, SPIKE_PRIVILEGE, UNSPIKE_PRIVILEGE } from "./privileges.ts";

/** Spike, unspike and send to a desk. */
export const NEWSROOM_WORKFLOW_ACTIONS: readonly WorkflowAction[] = [
  { name: "spike", exclude_states: ACTION_RULES.spike.exclude, privileges: [SPIKE_PRIVILEGE] },
  {
    name: "unspike",
    include_states: ACTION_RULES.unspike.include,
    privileges: [UNSPIKE_PRIVILEGE],
  },
  {
    name: "submit_to_desk",
    include_states: ACTION_RULES.move.include,
    privileges: [ARCHIVE_PRIVILEGE],
  },
];
