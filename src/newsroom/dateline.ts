/**
 * An item's dateline (Superdesk's `set_dateline` and `format_dateline_to_locmmmddsrc`): when it
 * has a place (`located`) and a date, the server adds its `source` and the printed text,
 * `"SYDNEY, July 30 AAP -"`, the date as it is in the place's time zone.
 */
import { MONTHS } from "../text/calendar_names.ts";
import type { Doc } from "../storage/document_store.ts";

/** Sets `dateline.source` and `dateline.text` (in place) when the dateline has place and date. */
export function completeDateline(dateline: unknown, source: string): void {
  if (!dateline || typeof dateline !== "object") return;
  const line = dateline as Doc;
  const located = line.located as Doc | undefined;
  if (!located || typeof located !== "object" || !line.date) return;
  const date = line.date instanceof Date ? line.date : new Date(String(line.date));
  if (Number.isNaN(date.getTime())) return;
  line.source = source;
  line.text = `${placeText(located)}, ${dayText(date, located.tz)} ${source} -`;
}

/** `CITY`, `CITY, STATE`, `CITY, COUNTRY` or all three, as the place's `dateline` asks. */
function placeText(located: Doc): string {
  const parts = String(located.dateline ?? "city").split(",");
  const fields = ["city_code"];
  if (parts.includes("state")) fields.push("state_code");
  if (parts.includes("country")) fields.push("country_code");
  return fields.map((field) => String(located[field] ?? "")).join(", ").toUpperCase();
}

/** `Sept 5`, `July 30` (March to July in full) or `Jan 2`, in the place's time zone. */
function dayText(date: Date, tz: unknown): string {
  const timeZone = typeof tz === "string" && tz !== "" ? tz : "UTC";
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone, month: "long", day: "numeric" })
      .formatToParts(date);
  } catch {
    return dayText(date, "UTC");
  }
  const month = parts.find((part) => part.type === "month")?.value ?? "";
  const day = parts.find((part) => part.type === "day")?.value ?? "";
  const index = MONTHS.indexOf(month);
  const name = index === 8 ? "Sept" : index >= 2 && index <= 6 ? month : month.slice(0, 3);
  return `${name} ${day}`;
}
