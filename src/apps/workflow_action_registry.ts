/**
 * Workflow actions (Superdesk's `superdesk.workflow_action`): what a user may do to an item in
 * a given state, and the privileges it takes. The `preferences` resource answers a session's
 * `allowed_actions`: every action whose privileges the user holds. A name registered twice is an
 * error naming both apps.
 */
import { Claims } from "./_claims.ts";

/** An action as an app declares it. */
export interface WorkflowAction {
  /** E.g. `spike`, `submit_to_desk`. */
  name: string;
  /** States the action applies to (empty: all but `exclude_states`). */
  include_states?: readonly string[];
  /** States the action does not apply to. */
  exclude_states?: readonly string[];
  /** Privileges the action takes, all of them. */
  privileges: readonly string[];
}

/** An action with Superdesk's shape (lists always present). */
export interface RegisteredWorkflowAction {
  readonly name: string;
  readonly include_states: readonly string[];
  readonly exclude_states: readonly string[];
  readonly privileges: readonly string[];
}

/** What other code reads. */
export interface WorkflowActionList {
  /** Every action, in registration order. */
  list(): readonly RegisteredWorkflowAction[];
}

/** The registry: filled by apps at start, read afterwards. */
export class WorkflowActionRegistry implements WorkflowActionList {
  #claims = new Claims("workflow action");
  #actions: RegisteredWorkflowAction[] = [];

  /** Registers `action` for `app`. */
  add(action: WorkflowAction, { app }: { app: string }): void {
    const lists = [action.include_states ?? [], action.exclude_states ?? [], action.privileges];
    if (!lists.every((list) => Array.isArray(list) && list.every((v) => typeof v === "string"))) {
      throw new Error(`workflow action "${action.name}": states and privileges must be lists`);
    }
    this.#claims.claim(action.name, app);
    this.#actions.push(Object.freeze({
      name: action.name,
      include_states: Object.freeze([...action.include_states ?? []]),
      exclude_states: Object.freeze([...action.exclude_states ?? []]),
      privileges: Object.freeze([...action.privileges]),
    }));
  }

  list(): readonly RegisteredWorkflowAction[] {
    return [...this.#actions];
  }
}
