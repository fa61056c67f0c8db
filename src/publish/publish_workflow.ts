/**
 * The publishing actions of the content state machine (Superdesk's `workflow_action`s in
 * `apps/publish/content/common.py`): the states each action may start from, the state it leads
 * to, its operation name and privilege. An action from another state is refused as Superdesk's
 * answer is: a 400 whose `validator exception` is `412: Can't <action> as item state is <state>`.
 */
import { publishRefusal } from "./publish_errors.ts";
import {
  CORRECT_PRIVILEGE,
  KILL_PRIVILEGE,
  PUBLISH_PRIVILEGE,
  TAKEDOWN_PRIVILEGE,
  UNPUBLISH_PRIVILEGE,
} from "./privileges.ts";

/** A publishing action. */
export type PublishKind = "publish" | "correct" | "kill" | "takedown" | "unpublish";

/** Every action, as the URL names it (`/api/archive/<action>/<id>`). */
export const PUBLISH_KINDS: readonly PublishKind[] = [
  "publish",
  "correct",
  "kill",
  "takedown",
  "unpublish",
];

/** What an action does to the item's workflow. */
export interface PublishRule {
  /** States the action may start from. */
  from: readonly string[];
  /** The state after it (a scheduled publish leads to `scheduled` instead). */
  to: string;
  privilege: string;
  /** Whether the item stops being usable (kill, takedown, unpublish). */
  withdraws: boolean;
}

/** Superdesk's rules. */
export const PUBLISH_RULES: Readonly<Record<PublishKind, PublishRule>> = {
  publish: {
    from: [
      "fetched",
      "routed",
      "submitted",
      "in_progress",
      "scheduled",
      "unpublished",
      "correction",
    ],
    to: "published",
    privilege: PUBLISH_PRIVILEGE,
    withdraws: false,
  },
  correct: {
    from: ["published", "corrected", "correction"],
    to: "corrected",
    privilege: CORRECT_PRIVILEGE,
    withdraws: false,
  },
  kill: {
    from: ["published", "scheduled", "corrected", "correction"],
    to: "killed",
    privilege: KILL_PRIVILEGE,
    withdraws: true,
  },
  takedown: {
    from: ["published", "scheduled", "corrected"],
    to: "recalled",
    privilege: TAKEDOWN_PRIVILEGE,
    withdraws: true,
  },
  unpublish: {
    from: ["published", "scheduled", "corrected"],
    to: "unpublished",
    privilege: UNPUBLISH_PRIVILEGE,
    withdraws: true,
  },
};

/** States in which an item has gone out (Superdesk's `PUBLISH_STATES`). */
export const PUBLISHED_STATES: ReadonlySet<string> = new Set([
  "published",
  "scheduled",
  "corrected",
  "killed",
  "recalled",
  "unpublished",
  "being_corrected",
]);

/** Throws Superdesk's refusal (its 412, answered as a 400) when `kind` may not start from `state`. */
export function assertPublishTransition(kind: PublishKind, state: string, type: unknown): void {
  if (PUBLISH_RULES[kind].from.includes(state)) return;
  const message = type === "text" || type === undefined
    ? `Can't ${kind} as item state is ${state}`
    : `Can't ${kind} as either package state or one of the items state is ${state}`;
  throw publishRefusal(message, 412);
}
