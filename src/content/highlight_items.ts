/**
 * The items a highlight collects (Superdesk's `get_highlighted_items`): those marked for it
 * whose latest version falls in its `auto_insert` period (the last N hours, today or this week
 * in the newsroom's zone; today when unset), newest first, at most 200, of those the package's
 * creator may list.
 */
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import { fromWallMs, toWallMs } from "./wall_clock.ts";

/** Superdesk's size of the query. */
const MAX_ITEMS = 200;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * When period `autoInsert` (`now-<N>h`, `now/d`, `now/w`; `now/d` when unset) began at `now`,
 * days and weeks (from Monday, as Elasticsearch rounds) counted in `zone`.
 */
export function periodStart(autoInsert: unknown, now: number, zone: string): Date {
  const hours = typeof autoInsert === "string" ? /^now-(\d+)h$/.exec(autoInsert) : null;
  if (hours) return new Date(now - Number(hours[1]) * HOUR_MS);
  const wall = toWallMs(now, zone);
  let start = wall - ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  if (autoInsert === "now/w") start -= ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(fromWallMs(start, zone));
}

/** The items `highlight` collects at `now` that `actor` may list (as Superdesk's search). */
export function highlightedItems(
  archive: ArchiveService,
  highlight: Doc,
  { now, zone, actor }: { now: number; zone: string; actor: Actor },
): Promise<Doc[]> {
  const since = periodStart(highlight.auto_insert, now, zone);
  return archive.markedSince(String(highlight._id), { since, limit: MAX_ITEMS, actor });
}
