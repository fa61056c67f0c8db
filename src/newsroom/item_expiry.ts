/**
 * When an item expires (Superdesk's `get_item_expiry`): the stage's `content_expiry`, else the
 * desk's, else the configured default, in minutes from now; 0 minutes means never (null).
 */
import type { Doc } from "../storage/document_store.ts";

/** The expiry of an item on `stage` of `desk` (either may be missing: personal space). */
export function itemExpiry(
  { desk, stage, defaultMinutes, now = new Date() }: {
    desk?: Doc | null;
    stage?: Doc | null;
    defaultMinutes: number;
    now?: Date;
  },
): Date | null {
  const minutes = positive(stage?.content_expiry) ?? positive(desk?.content_expiry) ??
    defaultMinutes;
  return minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && value > 0 ? value : undefined;
}
