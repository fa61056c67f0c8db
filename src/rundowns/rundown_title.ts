/**
 * A rundown's title from its template's `title_template` (Superdesk's `create_from_template`):
 * the prefix, the separator and the airtime formatted by `date_format`, joined by spaces, empty
 * parts left out. The client's `DD`, `MM`, `YYYY` become `%d`, `%m`, `%Y`; the rest is Python's
 * `strftime`.
 */
import { strftime } from "../content/wall_clock.ts";

/** A template's `title_template`. */
export interface TitleTemplate {
  prefix?: string;
  separator?: string;
  date_format?: string;
}

/** The title for airtime `ms` shown in `zone`. */
export function rundownTitle(template: TitleTemplate, ms: number, zone: string): string {
  const format = (template.date_format || "DD.MM.YYYY").replace("DD", "%d").replace("MM", "%m")
    .replace("YYYY", "%Y");
  return [
    template.prefix ?? "",
    (template.separator ?? " ").trim(),
    strftime(ms, format, zone),
  ].filter(Boolean).join(" ");
}
