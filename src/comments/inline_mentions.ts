/**
 * Mentions in an item's inline comments (Superdesk's `apps/comments/inline_comments.py`): the
 * editor3 web client keeps a field's inline comments, with their replies, in the custom data of
 * the first block of the field's editor state (`fields_meta.body_html.draftjsState[0]`,
 * `blocks[0].data.__PUBLIC_API__comments`) and writes a mention as `@[display name](user:<id>)`.
 * When a user's PATCH of a content item brings a comment or reply not yet `notified`, the hook
 * marks it `notified` in the stored update and, once the update is stored, the users it mentions
 * get what a comment's mentions get (`mention_notify.ts`), its text with each mention as its
 * display name. A comment already marked is never notified again.
 */
import type { ResourceHooks } from "../resources/resource_hooks.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import { notifyMentions } from "./mention_notify.ts";

// The web client's mention markup: `@[display name](user:<24 hex digits>)`.
const MENTION = /@\[([^\]]+)\]\(user:([a-f0-9]{24})\)/g;

/** One newly marked comment: its text and the users it mentions. */
interface InlineMention {
  msg: string;
  users: string[];
}

/** The inline comments (and their replies) of the body's editor state in `updates`. */
function inlineComments(updates: Doc): Doc[] {
  const meta = isDoc(updates.fields_meta) ? updates.fields_meta.body_html : undefined;
  const states = isDoc(meta) ? meta.draftjsState : undefined;
  const state = Array.isArray(states) ? states[0] : undefined;
  const blocks = isDoc(state) ? state.blocks : undefined;
  const block = Array.isArray(blocks) ? blocks[0] : undefined;
  const data = isDoc(block) && isDoc(block.data) ? block.data.__PUBLIC_API__comments : undefined;
  if (!Array.isArray(data)) return [];
  return data.filter(isDoc).flatMap((comment) => [
    comment,
    ...(Array.isArray(comment.replies) ? comment.replies.filter(isDoc) : []),
  ]);
}

/** Marks the new comments of `updates` notified; returns those that mention users. */
function markNew(updates: Doc): InlineMention[] {
  const found: InlineMention[] = [];
  for (const comment of inlineComments(updates)) {
    if (comment.notified) continue;
    const msg = typeof comment.msg === "string" ? comment.msg : "";
    const users = [...new Set([...msg.matchAll(MENTION)].map((m) => m[2]!))];
    if (users.length > 0) found.push({ msg, users });
    comment.notified = true;
  }
  return found;
}

/** Those of the user ids `ids` that name a user. */
async function knownUsers(ctx: ServiceContext, ids: string[]): Promise<Set<string>> {
  const distinct = [...new Set(ids)];
  const found = await ctx.registry.service("users").find({
    filter: { _id: { $in: distinct } },
    page: 1,
    maxResults: distinct.length,
    projection: { _id: 1 },
    skipCount: true,
  });
  return new Set(found.items.map((user) => String(user._id)));
}

/** The archive hooks: mark in `onUpdate`, notify in `onUpdated` (only what was stored). */
export function inlineMentionHooks(ctx: ServiceContext): ResourceHooks {
  const pending = new WeakMap<Doc, InlineMention[]>();
  return {
    onUpdate(updates, _original, actor) {
      if (actor.kind !== "user") return;
      const found = markNew(updates);
      if (found.length > 0) pending.set(updates, found);
    },
    async onUpdated(updates, original, actor) {
      const found = pending.get(updates);
      if (!found) return;
      pending.delete(updates);
      const item = { ...original, ...updates };
      const known = await knownUsers(ctx, found.flatMap(({ users }) => users));
      for (const [index, { msg, users }] of found.entries()) {
        await notifyMentions(ctx, {
          commentId: "",
          key: `inline:${original._id}:${updates._etag}:${index}`,
          text: msg.replace(MENTION, (_, name: string) => name),
          item,
          itemId: String(original._id),
          users: users.filter((id) => known.has(id)),
          desks: [],
          author: actor.userId,
        });
      }
    },
  };
}
