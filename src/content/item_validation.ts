/**
 * Checks an item on save against the vocabularies: controlled values (categories, genre,
 * urgency, priority, locators, custom vocabularies, not subject codes) taken from their
 * vocabulary's active items. A content profile's rules (required fields, `mandatory_in_list`
 * schemes, text lengths) are not checked here: Superdesk holds an item to them where it
 * validates (publish, correct, kill: `src/publish/profile_validator.ts`), and its web client
 * saves an item that does not meet them yet (README "Content model", deviations). Issues use
 * Superdesk's shapes (`unallowed value X`).
 */
import type { Issues } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";

/** Reads a vocabulary's active items; null when it does not exist. */
export type VocabularyItems = (id: string) => Promise<Doc[] | null>;

/** The outcome: nothing wrong when `issues` is empty. */
export interface ItemProblems {
  issues: Issues;
}

/** Options: where vocabularies are read, and which fields to check (all by default). */
export interface ItemCheckOptions {
  vocabularyItems: VocabularyItems;
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

/** Checks `item`. */
export async function checkItem(item: Doc, options: ItemCheckOptions): Promise<ItemProblems> {
  const problems: ItemProblems = { issues: {} };
  const touched = (field: string) => !options.touched || options.touched.has(field);
  for (const [field, vocabulary] of Object.entries(BOUND_FIELDS)) {
    if (touched(field)) await checkBound(item, field, vocabulary, options, problems);
  }
  if (touched("subject")) await checkSubject(item, options, problems);
  if (touched("place")) await checkPlace(item, options, problems);
  return problems;
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
