/**
 * Checks an item on save against its content profile and the vocabularies: required fields
 * filled, custom vocabularies the profile marks mandatory present in `subject`, and controlled
 * values (categories, genre, urgency, priority, locators, custom vocabularies, not subject codes)
 * taken from their vocabulary's active items. Text lengths (`minlength`/`maxlength`) are not
 * checked here: Superdesk holds an item to them where it validates (publish, correct, kill:
 * `src/publish/profile_validator.ts`), and its web client saves over-long text, showing a
 * counter (README "Content model", deviations). Issues use Superdesk's shapes
 * (`{field: {required: 1}}`, Cerberus messages).
 */
import { type Issues, ruleIssue } from "../errors.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import { htmlToText } from "./html_text.ts";

/** Reads a vocabulary's active items; null when it does not exist. */
export type VocabularyItems = (id: string) => Promise<Doc[] | null>;

/** The outcome: nothing wrong when `issues` is empty. */
export interface ItemProblems {
  issues: Issues;
}

/** Options: which fields to check (all by default) and whether required fields must be set. */
export interface ItemCheckOptions {
  /** The profile's `schema`; null checks vocabularies only. */
  schema: Doc | null;
  vocabularyItems: VocabularyItems;
  /** Check `required` (saving; not a new draft): without it, vocabularies only. */
  requireFields: boolean;
  /** Check values of these fields only (those a write changed); all when absent. */
  touched?: ReadonlySet<string>;
}

/** Scalar or list fields bound to a vocabulary by name. */
const BOUND_FIELDS: Record<string, string> = {
  anpa_category: "categories",
  genre: "genre",
  urgency: "urgency",
  priority: "priority",
};

/**
 * The scheme of subject codes (an entry without one is a subject code too). Superdesk checks them
 * against no list, neither on save nor in `validate` (its `subjectcodes` vocabulary adds local
 * codes to the IPTC list, it restricts nothing): they are not checked.
 */
const SUBJECT_CODES = "subjectcodes";

/** Fields whose text (not markup) is measured. */
const HTML_FIELDS = new Set(["body_html", "abstract", "body_footer", "footer"]);

/** Checks `item`. */
export async function checkItem(item: Doc, options: ItemCheckOptions): Promise<ItemProblems> {
  const problems: ItemProblems = { issues: {} };
  const touched = (field: string) => !options.touched || options.touched.has(field);
  if (options.schema && options.requireFields) checkRequired(item, options.schema, problems);
  for (const [field, vocabulary] of Object.entries(BOUND_FIELDS)) {
    if (touched(field)) await checkBound(item, field, vocabulary, options, problems);
  }
  if (touched("subject")) await checkSubject(item, options, problems);
  if (touched("place")) await checkPlace(item, options, problems);
  return problems;
}

function checkRequired(item: Doc, schema: Doc, problems: ItemProblems) {
  for (const [field, value] of Object.entries(schema)) {
    if (!value || typeof value !== "object") continue;
    const rules = value as Doc;
    const current = field in item
      ? item[field]
      : (item.extra as Doc | undefined)?.[field] ?? mediaField(item, field);
    const text = typeof current === "string"
      ? (HTML_FIELDS.has(field) ? htmlToText(current).trim() : current)
      : undefined;
    if (rules.required === true && isEmpty(current, text)) {
      problems.issues[field] = ruleIssue("required");
    }
  }
  const subjectRules = schema.subject as Doc | null | undefined;
  const mandatory = ((subjectRules?.mandatory_in_list as Doc | undefined)?.scheme ?? {}) as Doc;
  const subject = Array.isArray(item.subject) ? item.subject as Doc[] : [];
  for (const [scheme, rule] of Object.entries(mandatory)) {
    // Superdesk tests `required` for truth (profiles hold `true` or `"true"`).
    const required = typeof rule === "string" || Boolean((rule as Doc | null)?.required);
    if (!required) continue;
    // `subject` is met by subject codes, which carry the scheme or none.
    const meets = (entry: Doc) =>
      entry?.scheme === scheme || (scheme === "subject" && !entry?.scheme);
    if (!subject.some(meets)) {
      problems.issues[scheme] = ruleIssue("required");
    }
  }
}

async function checkBound(
  item: Doc,
  field: string,
  vocabulary: string,
  options: ItemCheckOptions,
  problems: ItemProblems,
) {
  const value = item[field];
  if (value === undefined || value === null) return;
  const items = await options.vocabularyItems(vocabulary);
  if (!items) return;
  const allowed = new Set(items.map((entry) => String(entry.qcode)));
  const values = Array.isArray(value) ? (value as Doc[]).map((entry) => entry?.qcode) : [value];
  const wrong = values.filter((code) => !allowed.has(String(code)));
  if (wrong.length > 0) unallowed(problems, field, wrong);
}

async function checkSubject(item: Doc, options: ItemCheckOptions, problems: ItemProblems) {
  if (!Array.isArray(item.subject)) return;
  const wrong: unknown[] = [];
  const cache = new Map<string, Set<string> | null>();
  for (const entry of item.subject as Doc[]) {
    const scheme = typeof entry?.scheme === "string" && entry.scheme ? entry.scheme : SUBJECT_CODES;
    if (scheme === SUBJECT_CODES) continue;
    if (!cache.has(scheme)) {
      const items = await options.vocabularyItems(scheme);
      cache.set(scheme, items ? new Set(items.map((cv) => String(cv.qcode))) : null);
    }
    const allowed = cache.get(scheme);
    if (allowed && !allowed.has(String(entry?.qcode))) wrong.push(entry?.qcode);
  }
  if (wrong.length > 0) unallowed(problems, "subject", wrong);
}

async function checkPlace(item: Doc, options: ItemCheckOptions, problems: ItemProblems) {
  if (!Array.isArray(item.place)) return;
  const local = (item.place as Doc[]).filter((entry) =>
    !entry?.scheme || entry.scheme === "locators"
  );
  if (local.length === 0) return;
  const items = await options.vocabularyItems("locators");
  if (!items) return;
  const allowed = new Set(items.map((entry) => String(entry.qcode)));
  const wrong = local.map((entry) => entry?.qcode).filter((code) => !allowed.has(String(code)));
  if (wrong.length > 0) unallowed(problems, "place", wrong);
}

function unallowed(problems: ItemProblems, field: string, values: unknown[]) {
  const shown = values.map((value) => String(value));
  problems.issues[field] = shown.length === 1
    ? `unallowed value ${shown[0]}`
    : `unallowed values [${shown.join(", ")}]`;
}

/**
 * A media field's value: the item's association of that name (`featuremedia` for
 * `feature_media`), else one of its `<field>--N` associations (Superdesk's `_process_media`).
 */
function mediaField(item: Doc, field: string): unknown {
  const associations = item.associations as Doc | null | undefined;
  if (!associations || typeof associations !== "object") return undefined;
  const own = field === "feature_media" ? "featuremedia" : field;
  if (own in associations) return isDoc(associations[own]) ? associations[own] : undefined;
  return Object.entries(associations).find(([key, value]) =>
    key.startsWith(`${field}--`) && isDoc(value)
  )?.[1];
}

function isEmpty(value: unknown, text: string | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (text !== undefined) return text.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}
