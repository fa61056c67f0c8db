/**
 * The notice a kill or takedown puts at the top of the item's body (Superdesk's
 * `apply_kill_override` with its `article_killed_override.json`): "Please kill story slugged
 * <slugline> headlined <headline> ex<city> at <time>." before the body the action sends, the time
 * being when the item last went out (else its version's), in DEFAULT_TIMEZONE.
 */
import type { Doc } from "../storage/document_store.ts";
import { strftime } from "../content/wall_clock.ts";
import { epochMs } from "../epoch_ms.ts";
import { decodeEntities } from "../text/html_references.ts";
import type { PublishedService } from "./published_service.ts";

/** Sets `updates.body_html` of a kill or takedown of `original` to the notice and the body. */
export async function applyKillOverride(
  { published, timeZone }: { published: PublishedService; timeZone: string },
  kind: "kill" | "takedown",
  original: Doc,
  updates: Doc,
): Promise<void> {
  const last = await published.newestCopy(String(original._id), { last_published_version: true });
  const when = epochMs(last?.versioncreated ?? original.versioncreated ?? original._updated);
  const time = Number.isNaN(when) ? "" : strftime(when, "%d %b %Y %H:%M %Z", timeZone);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  // Superdesk unescapes the rendered notice; the body goes through escaped, so unchanged.
  const notice = decodeEntities(
    `<p>Please ${kind} story slugged ${text(original.slugline)} headlined ` +
      `${text(original.headline)} ex${datelineCity(original.dateline)} at ${time}.</p>`,
  );
  updates.body_html = notice + text(updates.body_html);
}

/** Superdesk's `get_dateline_city`: the located city, else the dateline text before its comma. */
function datelineCity(dateline: unknown): string {
  if (!dateline || typeof dateline !== "object") return "";
  const { located, text } = dateline as Doc;
  const city = (located as Doc | null | undefined)?.city;
  if (typeof city === "string" && city) return city;
  if (typeof text !== "string") return "";
  const comma = text.lastIndexOf(",");
  return comma < 0 ? text : text.slice(0, comma);
}
