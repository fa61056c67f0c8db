/**
 * The fields of an update (Superdesk's `ArchiveRewriteService._create_rewrite_article`): what a
 * new update copies from the story it updates (identity of the event, flags, places, the source,
 * the profile and every field of the story's content profile), or, when an existing story is
 * linked as the update, what it merges from the story (subjects, flags, associations and custom
 * fields it lacks); then the link itself (`rewrite_of`, `rewrite_sequence`, `anpa_take_key`).
 * Pure: the caller reads the profile and writes the result.
 */
import type { Doc } from "../storage/document_store.ts";

/** Fields every update takes from the story (Superdesk's list). */
const COPIED = [
  "family_id",
  "event_id",
  "flags",
  "language",
  "associations",
  "extra",
  "place",
  "organisation",
  "person",
  "uri",
];

/** What a new update also takes: the agency and the system fields. */
const COPIED_TO_NEW = [
  "ingest_provider",
  "source",
  "profile",
  "keywords",
  "target_regions",
  "target_types",
  "target_subscribers",
];

/** Fields a linked story keeps its own values of. */
const KEPT_BY_EXISTING = new Set(["associations", "flags", "extra"]);

/** What shapes the update besides the two stories. */
export interface RewriteArticleOptions {
  /** The field names of the story's content profile (new updates copy them). */
  profileFields: readonly string[];
  /** Apps' item fields copied like the agency fields (Superdesk's `COPY_ON_REWRITE_FIELDS`). */
  appFields?: readonly string[];
  /** The priority updates get (`RESET_PRIORITY_VALUE_FOR_UPDATE_ARTICLES`); unset: kept. */
  resetPriority?: number;
}

/**
 * The fields to write on the update of `original`: a new item's (then the caller sends it to a
 * desk) or, given `existing` (the story linked as the update), the fields to set on it.
 */
export function rewriteArticle(
  original: Doc,
  existing: Doc | undefined,
  { profileFields, appFields = [], resetPriority }: RewriteArticleOptions,
): Doc {
  const rewrite: Doc = {};
  const copied = [...COPIED, ...appFields];
  const fields = existing ? copied : [...copied, ...COPIED_TO_NEW, ...profileFields];
  if (existing) mergeIntoExisting(rewrite, original, existing);
  for (const field of fields) {
    if (!truthy(original[field])) continue;
    if (existing && KEPT_BY_EXISTING.has(field)) continue;
    rewrite[field] = structuredClone(original[field]);
  }
  // Custom fields the update lacks are filled from the story.
  if (isObject(original.extra)) {
    for (const [key, value] of Object.entries(original.extra)) {
      if (!truthy(value)) continue;
      const extra = isObject(rewrite.extra) ? rewrite.extra : (rewrite.extra = {});
      if (!(key in extra)) extra[key] = structuredClone(value);
    }
  }
  // An SMS went out with the story, not with its update.
  if (!existing && isObject(rewrite.flags) && rewrite.flags.marked_for_sms) {
    rewrite.flags.marked_for_sms = false;
  }
  if (resetPriority !== undefined) rewrite.priority = resetPriority;
  rewrite.rewrite_of = original._id;
  rewrite.rewrite_sequence = (Number(original.rewrite_sequence) || 0) + 1;
  delete rewrite.processed_from;
  if (!existing && ["published", "corrected", "scheduled"].includes(String(original.state))) {
    rewrite.body_html = original.body_html ?? "";
  }
  rewrite.state = "in_progress";
  rewrite.anpa_take_key = takeKey(rewrite.rewrite_sequence as number);
  return rewrite;
}

/** A linked story: subjects of both, flags set on either, its own associations and extra first. */
function mergeIntoExisting(rewrite: Doc, original: Doc, existing: Doc) {
  const subjects = Array.isArray(original.subject) ? original.subject as Doc[] : [];
  const codes = new Set(subjects.map((subject) => subject?.qcode));
  const own = Array.isArray(existing.subject) ? existing.subject as Doc[] : [];
  rewrite.subject = [...own.filter((subject) => !codes.has(subject?.qcode)), ...subjects];
  const flags: Doc = isObject(original.flags) ? { ...original.flags } : {};
  const existingFlags: Doc = isObject(existing.flags) ? existing.flags : {};
  for (const key of Object.keys(flags)) flags[key] = flags[key] || (existingFlags[key] ?? false);
  rewrite.flags = flags;
  const associations: Doc = isObject(existing.associations) ? { ...existing.associations } : {};
  const inherited: Doc = isObject(original.associations) ? original.associations : {};
  for (const [key, association] of Object.entries(inherited)) {
    if (!associations[key]) associations[key] = association;
  }
  rewrite.associations = associations;
  if (isObject(existing.extra)) {
    const extra: Doc = {};
    for (const [key, value] of Object.entries(existing.extra)) if (value) extra[key] = value;
    rewrite.extra = extra;
  }
}

/** `update`, `2nd update`, `3rd update`, `11th update` ... */
export function takeKey(sequence: number): string {
  if (sequence <= 1) return "update";
  const teen = sequence % 100 >= 10 && sequence % 100 < 20;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[
    sequence % 10
  ] ?? "th";
  return `${sequence}${suffix} update`;
}

/** Python's truthiness, which decides what Superdesk copies. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

function isObject(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}
