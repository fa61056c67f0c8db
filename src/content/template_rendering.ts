/**
 * Applying a content template to an item (Superdesk's `render_content_template`): every
 * non-empty field of the template's `data` (but identity, dates, `task` and editor state)
 * is copied, strings rendered with the template language over `item`, `user` and `now`
 * (a field whose rendering fails is skipped), `extra` field by field; then the dateline gets
 * today's date and the headline is made plain text.
 */
import type { Doc } from "../storage/document_store.ts";
import { refreshDateline } from "./dateline.ts";
import { htmlToText, plainText } from "./html_text.ts";
import { paragraphs } from "./paragraphs.ts";
import { displayValue, renderTemplate, type TemplateFilter } from "./template_language.ts";
import { isTimeZone, strftime } from "./wall_clock.ts";

/** Template data fields never copied onto an item. */
const IGNORED = new Set([
  "_id",
  "_updated",
  "_created",
  "_etag",
  "_current_version",
  "task",
  "firstcreated",
  "versioncreated",
  "firstpublished",
  "fields_meta",
]);

/** Fields rendered as plain text. */
const PLAIN_TEXT_FIELDS = ["headline"];

/** What rendering needs besides the item and the template. */
export interface RenderOptions {
  /** The acting user (`user` in templates), with `sign_off`, `byline` ... */
  user: Doc;
  now: Date;
  /** The source named in dateline texts. */
  source: string;
  /** The zone `format_datetime` uses when given none. */
  timeZone: string;
  /** Apply the result onto `item` as well (in place). */
  apply?: boolean;
}

/** The fields `template` sets on `item` (and, with `apply`, sets them). */
export function renderTemplateData(item: Doc, template: Doc, options: RenderOptions): Doc {
  const data = (template.data ?? {}) as Doc;
  const context = { item, user: options.user, now: options.now };
  const filters = templateFilters(options.timeZone);
  const render = (fields: Doc, top: boolean): Doc => {
    const updates: Doc = {};
    for (const [key, value] of Object.entries(fields)) {
      if ((top && IGNORED.has(key)) || !pythonTruthy(value)) continue;
      if (top && key === "extra" && isDict(value)) {
        updates.extra = render(value, false);
      } else if (typeof value === "string") {
        const rendered = renderTemplate(value, context, filters);
        if (rendered !== undefined) updates[key] = rendered;
      } else {
        updates[key] = structuredClone(value);
      }
    }
    return updates;
  };
  const updates = render(data, true);
  refreshDateline(updates, options.now, options.source);
  for (const field of PLAIN_TEXT_FIELDS) {
    if (field in updates) updates[field] = plainText(updates[field]);
  }
  if (options.apply) {
    for (const [key, value] of Object.entries(updates)) {
      item[key] = isDict(item[key]) && isDict(value) ? { ...item[key] as Doc, ...value } : value;
    }
  }
  return updates;
}

/** The filters Superdesk registers for templates, plus a few of Jinja's builtins. */
export function templateFilters(defaultZone: string): Record<string, TemplateFilter> {
  return {
    format_datetime(value, args, kwargs) {
      const ms = toMs(value);
      if (ms === undefined) return "";
      const zoneArg = kwargs.timezone_string ?? args[0];
      const zone = isTimeZone(zoneArg) ? zoneArg : defaultZone;
      const pattern = kwargs.date_format ?? args[1];
      return typeof pattern === "string"
        ? strftime(ms, pattern, zone)
        : strftime(ms, "%Y-%m-%d %H:%M:%S%z", zone);
    },
    iso_datetime: (value) => {
      const ms = toMs(value);
      return ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
    },
    first_paragraph: (value) => {
      if (typeof value !== "string") return "";
      for (const paragraph of paragraphs(value)) {
        if (htmlToText(paragraph.text).trim()) return paragraph.html;
      }
      return "";
    },
    get_text: (value) => (typeof value === "string" ? htmlToText(value) : ""),
    striptags: (value) => (typeof value === "string" ? plainText(value) : ""),
    add_timedelta: (value, _args, kwargs) => {
      const ms = toMs(value);
      if (ms === undefined) return undefined;
      const units: Record<string, number> = {
        weeks: 604_800_000,
        days: 86_400_000,
        hours: 3_600_000,
        minutes: 60_000,
        seconds: 1000,
      };
      let delta = 0;
      for (const [unit, size] of Object.entries(units)) delta += Number(kwargs[unit] ?? 0) * size;
      return new Date(ms + delta);
    },
    e: markupEscape,
    escape: markupEscape,
    upper: (value) => String(value ?? "").toUpperCase(),
    lower: (value) => String(value ?? "").toLowerCase(),
    title: (value) => String(value ?? "").replace(/\b\w/g, (c) => c.toUpperCase()),
    capitalize: (value) => {
      const text = String(value ?? "").toLowerCase();
      return text.charAt(0).toUpperCase() + text.slice(1);
    },
    trim: (value) => String(value ?? "").trim(),
    length: (value) => (typeof value === "string" || Array.isArray(value) ? value.length : 0),
    default: (value, args) => (value === undefined ? args[0] ?? "" : value),
  };
}

/** Jinja's `escape` (MarkupSafe's): the value as output shows it, `&<>"'` as entities. */
function markupEscape(value: unknown): string {
  return displayValue(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}

function toMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string") {
    const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function isDict(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

/** Python's truthiness: empty strings, lists and dicts, 0, false and null are false. */
function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}
