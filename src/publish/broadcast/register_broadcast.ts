/**
 * Broadcasts (Superdesk's `apps.archive_broadcast`): versions of a published story for radio or
 * TV, created with `POST /api/archive/<id>/broadcast`, which follow what happens to their master
 * story. Registered by the publishing module, whose actions it follows.
 */
import type { AppContext } from "../../app_api.ts";
import { ITEM_URL } from "../../http/eve_url.ts";
import type { Doc } from "../../storage/document_store.ts";
import type { PublishContext } from "../publish_action.ts";
import { broadcastItemHooks } from "./broadcast_item_hooks.ts";
import { BROADCAST_PRIVILEGE_DEFINITION } from "./broadcast_privilege.ts";
import {
  clearStatus,
  copiesCleared,
  masterUpdated,
  mayHaveBroadcasts,
  rewriteRemoved,
} from "./broadcast_status.ts";
import { masterWithdrawn } from "./master_withdrawn.ts";
import { PUBLISHED_STATES } from "../publish_workflow.ts";

/** Registers the route, privilege and hooks of broadcasts. */
export function registerBroadcast(app: AppContext, context: PublishContext): void {
  const { archive, published } = context;
  const log = app.log;
  app.privileges(BROADCAST_PRIVILEGE_DEFINITION);
  archive.hooks.add(broadcastItemHooks);
  context.hooks.push({
    prepare: (_kind, original, updates) => clearStatus(updates, original),
    async stored(kind, { original, stored, input, actor }) {
      if ((original.broadcast as Doc | null | undefined)?.status) {
        await copiesCleared({ archive, published, log }, stored);
      }
      if (!mayHaveBroadcasts(original)) return;
      if (kind === "kill" || kind === "takedown") {
        const options = { userId: actor.userId, body: input.body_html, log };
        await masterWithdrawn(context, kind, stored, options);
      } else if (kind === "unpublish") {
        // Superdesk's unpublish is a kill service: its `on_update` spikes the unpublished
        // broadcasts (its attempt at unpublishing the published ones fails, so they stay).
        await masterWithdrawn(context, "spike", stored, { userId: actor.userId, log });
      } else if (
        (kind === "publish" || kind === "correct") &&
        (stored.type === "text" || stored.type === "preformatted")
      ) {
        await masterUpdated({ archive, published, log }, kind, stored);
      }
    },
  });
  app.on("item:spiked", async ({ item, original, user }) => {
    if (mayHaveBroadcasts(original)) {
      await masterWithdrawn(context, "spike", item, { userId: user, log });
    }
    if (!PUBLISHED_STATES.has(String(original.state))) {
      await rewriteRemoved({ archive, published, log }, original);
    }
  });
  app.on("item:operation", async ({ item, operation, updates }) => {
    if (operation !== "rewrite" || !mayHaveBroadcasts(item)) return;
    const rewriteId = typeof updates.rewritten_by === "string" ? updates.rewritten_by : undefined;
    await masterUpdated({ archive, published, log }, "rewrite", item, { rewriteId });
  });
  app.routes(async () => {
    const [{ broadcastRoutes }, { BROADCAST_PATHS }] = await Promise.all([
      import("./broadcast_routes.ts"),
      import("./broadcast_openapi.ts"),
    ]);
    return { router: broadcastRoutes(archive), paths: BROADCAST_PATHS };
  });
  app.link(`archive/<${ITEM_URL}:item_id>/broadcast`, "archive_broadcast");
}
