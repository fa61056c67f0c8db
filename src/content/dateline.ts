/**
 * Superdesk's dateline text (`format_dateline_to_locmmmddsrc`): "SYDNEY, Sept 4 AAP -", the
 * located city (with state and country codes when the located place asks for them) in capitals,
 * the month abbreviated except March to July and "Sept", in the place's time zone.
 */
import type { Doc } from "../storage/document_store.ts";
import { isTimeZone, strftime } from "./wall_clock.ts";

/** The dateline text for `located` at `date` with `source`. */
export function datelineText(located: Doc, date: Date, source: string): string {
  const fields = String(located.dateline ?? "city").split(",");
  const parts = [located.city_code];
  if (fields.includes("state")) parts.push(located.state_code);
  if (fields.includes("country")) parts.push(located.country_code);
  const location = parts.map((part) => String(part ?? "")).join(", ").toUpperCase();
  const zone = isTimeZone(located.tz) ? located.tz : "UTC";
  const month = Number(strftime(date.getTime(), "%m", zone));
  const day = strftime(date.getTime(), "%-d", zone);
  const when = month === 9
    ? `Sept ${day}`
    : month >= 3 && month <= 7
    ? strftime(date.getTime(), "%B", zone) + ` ${day}`
    : strftime(date.getTime(), "%b", zone) + ` ${day}`;
  return `${location}, ${when} ${source} -`;
}

/** Sets the dateline's date to `now` and, when it has a located place, its text (in place). */
export function refreshDateline(item: Doc, now: Date, source: string): void {
  const dateline = item.dateline;
  if (!dateline || typeof dateline !== "object" || Array.isArray(dateline)) return;
  const value = dateline as Doc;
  value.date = now;
  if (value.located && typeof value.located === "object") {
    value.text = datelineText(value.located as Doc, now, source);
  }
}
