/**
 * Superdesk's default content profile (`superdesk/default_schema.py`): the field rules
 * (`schema`) and the authoring form (`editor`) a text item gets when its profile says nothing
 * else, and the media variant without a body. A profile's `?edit=true` view is filled from
 * these; their keys are the core fields no custom vocabulary may take.
 */
import type { Doc } from "../storage/document_store.ts";

type Rules = Record<string, Doc>;

const text = (rules: Doc = {}): Doc => ({ type: "string", required: false, ...rules });
const list = (rules: Doc = {}): Doc => ({ type: "list", required: false, ...rules });

/** The field rules of a text item. */
export const DEFAULT_SCHEMA: Readonly<Rules> = Object.freeze({
  usageterms: text(),
  keywords: list(),
  language: text(),
  slugline: text({ maxlength: 24 }),
  genre: list(),
  anpa_take_key: text(),
  place: list(),
  priority: { type: "integer", required: false },
  urgency: { type: "integer", required: false },
  anpa_category: list(),
  subject: list({
    mandatory_in_list: { scheme: {} },
    schema: {
      type: "dict",
      schema: {
        name: {},
        qcode: {},
        scheme: { type: "string", required: true, nullable: true, allowed: [] },
        service: { nullable: true },
        parent: { nullable: true },
      },
    },
  }),
  company_codes: list(),
  ednote: text(),
  authors: list({
    schema: {
      type: "dict",
      schema: { name: { type: "string" }, parent: { type: "string" }, role: { type: "string" } },
    },
  }),
  headline: text({ maxlength: 64, required: true }),
  sms: text(),
  abstract: text({ maxlength: 160 }),
  byline: text(),
  dateline: { type: "dict", required: false },
  body_html: text(),
  footer: text(),
  body_footer: text(),
  sign_off: text(),
  feature_media: { type: "media", required: false },
  media_description: text(),
  attachments: list(),
});

/** The authoring form of a text item: order, width and formatting per field. */
export const DEFAULT_EDITOR: Readonly<Rules> = Object.freeze({
  slugline: { order: 1, sdWidth: "full", enabled: true },
  keywords: { order: 2, sdWidth: "full", enabled: false },
  language: { order: 3, sdWidth: "half", enabled: false },
  usageterms: { order: 4, sdWidth: "full", enabled: false },
  genre: { order: 5, sdWidth: "half", enabled: true },
  anpa_take_key: { order: 6, sdWidth: "half", enabled: false },
  place: { order: 7, sdWidth: "half", enabled: true },
  priority: { order: 8, sdWidth: "quarter", enabled: true },
  urgency: { order: 9, sdWidth: "quarter", enabled: true },
  anpa_category: { order: 10, sdWidth: "full", enabled: true },
  subject: { order: 11, sdWidth: "full", enabled: true },
  company_codes: { order: 12, sdWidth: "full", enabled: false },
  ednote: { order: 13, sdWidth: "full", enabled: true },
  authors: { order: 14, sdWidth: "full", enabled: true },
  headline: { order: 15, sdWidth: "full", formatOptions: [], enabled: true },
  sms: { order: 16, enabled: false },
  abstract: {
    order: 17,
    formatOptions: ["bold", "italic", "underline", "link"],
    editor3: true,
    enabled: true,
    sdWidth: "full",
  },
  byline: { order: 18, enabled: true, sdWidth: "full" },
  dateline: { order: 19, enabled: true, sdWidth: "full" },
  body_html: {
    order: 20,
    formatOptions: ["h2", "bold", "italic", "underline", "quote", "link", "embed", "media"],
    cleanPastedHTML: false,
    editor3: true,
    enabled: true,
    sdWidth: "full",
  },
  footer: { order: 21, enabled: false },
  body_footer: { order: 22, enabled: false },
  sign_off: { order: 23, enabled: true, sdWidth: "full" },
  feature_media: { enabled: true, sdWidth: "full" },
  media_description: { enabled: true, sdWidth: "full" },
  attachments: { enabled: false },
});

/** Item types whose default profile has no body (pictures, audio, video, packages). */
export const MEDIA_TYPES: ReadonlySet<string> = new Set([
  "audio",
  "video",
  "picture",
  "graphic",
  "composite",
]);

/** The types with a default schema (Superdesk's `DEFAULT_SCHEMA_MAP`: text and the media types). */
export const DEFAULT_SCHEMA_TYPES: ReadonlySet<unknown> = new Set(["text", ...MEDIA_TYPES]);

/**
 * The profiles `DEFAULT_CONTENT_TYPE` replaces on a new text item (Superdesk's
 * `DEFAULT_PROFILES`, apps/archive/common.py): not every type with a default schema, "graphic"
 * is kept.
 */
export const DEFAULT_PROFILES: ReadonlySet<unknown> = new Set([
  "text",
  "picture",
  "audio",
  "video",
  "composite",
]);

/**
 * Superdesk's `on_create_item` with `DEFAULT_CONTENT_TYPE` (`defaultContentType`): a new text
 * item (ingested or created in archive) that names no profile, or one of `DEFAULT_PROFILES`,
 * takes that profile. In place; true when it did.
 */
export function assignDefaultContentType(item: Doc, defaultContentType?: string): boolean {
  if (!defaultContentType || item.type !== "text") return false;
  if (item.profile && !DEFAULT_PROFILES.has(item.profile)) return false;
  item.profile = defaultContentType;
  return true;
}

/** A deep copy of the default schema for an item type (`text` or a media type). */
export function defaultSchemaFor(type = "text"): Rules {
  const schema = structuredClone(DEFAULT_SCHEMA) as Rules;
  if (!MEDIA_TYPES.has(type)) return schema;
  delete schema.body_html;
  delete schema.body_footer;
  schema.subject!.required = false;
  schema.headline!.required = false;
  return schema;
}

/** A deep copy of the default editor for an item type. */
export function defaultEditorFor(type = "text"): Rules {
  const editor = structuredClone(DEFAULT_EDITOR) as Rules;
  if (!MEDIA_TYPES.has(type)) return editor;
  delete editor.body_html;
  delete editor.body_footer;
  return editor;
}

/** The core field names (the default schema's and editor's keys). */
export const CORE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(DEFAULT_SCHEMA),
  ...Object.keys(DEFAULT_EDITOR),
]);
