/**
 * What killing, taking down or spiking a master story does to its broadcasts (Superdesk's
 * `spike_item` and `kill_broadcast`, run by its kill, takedown and spike services): those not
 * yet published are spiked; after a kill (takedown) those published are killed (taken down) in
 * turn, with the kill (takedown) template named after the action and the body the action sent,
 * under a notice of their own (`kill_override.ts`). Each broadcast goes on its own: a failure is
 * logged and the others carry on, as the story's action is already stored. A published
 * broadcast leaves its packages before its kill (`broadcast_packages.ts`).
 */
import { renderTemplateData } from "../../content/template_rendering.ts";
import { EtagMismatchError } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { spikeItem } from "../../newsroom/archive_spike.ts";
import { type Actor, SYSTEM_ACTOR } from "../../resources/actor.ts";
import type { Doc } from "../../storage/document_store.ts";
import { type PublishContext, publishItem } from "../publish_action.ts";
import { PUBLISH_RULES, PUBLISHED_STATES } from "../publish_workflow.ts";
import { isBroadcast } from "./broadcast_genre.ts";
import { leavePackages } from "./broadcast_packages.ts";
import { broadcastsOf } from "./broadcast_status.ts";

/** What took a master story out: a kill, a takedown or a spike. */
export type Withdrawal = "kill" | "takedown" | "spike";

/** What the follow-up needs besides the publishing context. */
export interface WithdrawalOptions {
  /** Who withdrew the story: the broadcasts' actions are theirs, without their checks. */
  userId?: string;
  /** The body the story's kill or takedown sent (before its own notice). */
  body?: unknown;
  log: Logger;
}

/** Spikes the unpublished broadcasts of `master`; a kill or takedown also the published ones. */
export async function masterWithdrawn(
  context: PublishContext,
  kind: Withdrawal,
  master: Doc,
  options: WithdrawalOptions,
): Promise<void> {
  if (isBroadcast(master)) return;
  // As Superdesk's follow-up calls, the user's own, without the checks of a user's request: the
  // story's withdrawal must reach every broadcast, even one on a desk the user cannot see.
  const actor: Actor = { ...SYSTEM_ACTOR, userId: options.userId };
  const masterId = String(master._id);
  for (const item of await broadcastsOf(context.archive, masterId)) {
    try {
      await withdrawBroadcast(context, kind, item, { ...options, actor, masterId });
    } catch (error) {
      options.log.error(`Failed to ${kind} a broadcast of a withdrawn story`, {
        item: String(item._id),
        master: masterId,
        error: String(error),
      });
    }
  }
}

/** How often a broadcast is tried again after a concurrent write (a lock, a status mark). */
const ATTEMPTS = 5;

/**
 * Spikes, kills or takes down one broadcast, from its current state again when another write
 * lands in between (someone locking it to correct it must not leave it out).
 */
async function withdrawBroadcast(
  context: PublishContext,
  kind: Withdrawal,
  found: Doc,
  options: WithdrawalOptions & { actor: Actor; masterId: string },
): Promise<void> {
  const { actor, masterId } = options;
  let item: Doc | null = found;
  for (let attempt = 1; item; attempt++) {
    const id = String(item._id);
    const state = String(item.state);
    try {
      if (!PUBLISHED_STATES.has(state)) {
        await spikeItem(context.archive, id, { actor });
      } else if (kind !== "spike" && PUBLISH_RULES[kind].from.includes(state)) {
        await leavePackages(context, kind, item, { actor, body: options.body, log: options.log });
        const updates = await killTemplate(context, kind, item, options);
        await publishItem(context, kind, id, { actor, updates });
      }
      return;
    } catch (error) {
      if (!(error instanceof EtagMismatchError) || attempt >= ATTEMPTS) throw error;
    }
    item = await context.archive.findOne({ _id: id });
    if ((item?.broadcast as Doc | null | undefined)?.master_id !== masterId) return;
  }
}

/**
 * The fields of the template named after the action, rendered for `item` (none when there is no
 * such template, as in Superdesk), with the action's body.
 */
async function killTemplate(
  context: PublishContext,
  kind: "kill" | "takedown",
  item: Doc,
  { userId, body }: WithdrawalOptions,
): Promise<Doc> {
  const registry = context.archive.registry;
  const template = await registry.service("content_templates").findOne({ template_name: kind });
  const user = userId ? await registry.service("users").findOne({ _id: userId }) : null;
  const updates = template
    ? renderTemplateData(structuredClone(item), template, {
      user: user ?? {},
      now: new Date(),
      source: typeof item.source === "string" ? item.source : context.archive.options.defaultSource,
      timeZone: context.timeZone,
    })
    : {};
  updates.body_html = typeof body === "string" ? body : "";
  return updates;
}
