/**
 * The workflow actions the newsroom implements, as Superdesk declares them (`archive_spike.py`,
 * `archive_move.py`): a session's `allowed_actions` lists those whose privileges it holds.
 */
import type { WorkflowAction } from "../apps/workflow_action_registry.ts";
import { ARCHIVE_PRIVILEGE, SPIKE_PRIVILEGE, UNSPIKE_PRIVILEGE } from "./privileges.ts";

/** Spike, unspike and send to a desk. */
export const NEWSROOM_WORKFLOW_ACTIONS: readonly WorkflowAction[] = [
  {
    name: "spike",
    exclude_states: ["spiked", "published", "scheduled", "corrected", "killed"],
    privileges: [SPIKE_PRIVILEGE],
  },
  { name: "unspike", include_states: ["spiked"], privileges: [UNSPIKE_PRIVILEGE] },
  {
    name: "submit_to_desk",
    include_states: [
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
    privileges: [ARCHIVE_PRIVILEGE],
  },
];
