/**
 * What a user's save of a broadcast checks and changes (Superdesk's archive `on_update` and
 * `on_updated`): its genre stays "Broadcast Script", and the save clears its status.
 */
import { BadRequestError } from "../../errors.ts";
import type { ItemHooks } from "../../newsroom/item_hooks.ts";
import { leavesBroadcastGenre } from "./broadcast_genre.ts";
import { clearStatus } from "./broadcast_status.ts";

/** The archive hooks. */
export const broadcastItemHooks: ItemHooks = {
  beforeSave(updates, original) {
    if (original.broadcast && leavesBroadcastGenre(updates.genre)) {
      throw new BadRequestError("Cannot change the genre for broadcast content.");
    }
    clearStatus(updates, original);
    return Promise.resolve();
  },
};
