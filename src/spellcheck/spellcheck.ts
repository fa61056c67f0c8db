/**
 * `POST /api/spellcheck {word, language_id}` (Superdesk's `SpellcheckService`): corrections of the
 * word from every active dictionary of the language (a regional one, `en-AU`, with its base
 * language's, `en`, unless both exist: then the regional only), personal ones included, counts
 * added up (Superdesk's `get_model_for_lang`).
 */
import { ValidationError } from "../errors.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { norvigSuggest } from "./norvig_suggest.ts";

/** The longest word looked up (each edit of a word is a candidate: keep the set small). */
const MAX_WORD_LENGTH = 100;

/** The request with its `corrections`. */
export async function spellcheck(ctx: ServiceContext, body: Doc): Promise<Doc> {
  const issues: Record<string, string> = {};
  for (const field of ["word", "language_id"]) {
    if (typeof body[field] !== "string") issues[field] = "required field";
  }
  if (typeof body.word === "string" && body.word.length > MAX_WORD_LENGTH) {
    issues.word = `at most ${MAX_WORD_LENGTH} characters`;
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  const model = await modelFor(ctx, String(body.language_id));
  return { ...body, corrections: norvigSuggest(String(body.word), model) };
}

async function modelFor(ctx: ServiceContext, lang: string): Promise<Map<string, number>> {
  const base = lang.indexOf("-") > 0 ? lang.split("-")[0]! : undefined;
  const languages = base ? [lang, base] : [lang];
  let dicts = await ctx.documents.collection("dictionaries").find({
    language_id: { $in: languages },
    $and: [
      { $or: [{ is_active: { $exists: false } }, { is_active: { $in: ["true", true] } }] },
      { $or: [{ type: { $exists: false } }, { type: "dictionary" }] },
    ],
  });
  const found = new Set(dicts.map((d) => d.language_id));
  if (base && found.has(base) && found.has(lang)) {
    dicts = dicts.filter((d) => d.language_id !== base);
  }
  const model = new Map<string, number>();
  for (const dict of dicts) {
    for (const [word, count] of Object.entries(wordsOf(dict.content))) {
      if (typeof count === "number") model.set(word, (model.get(word) ?? 0) + count);
    }
  }
  return model;
}

function wordsOf(content: unknown): Record<string, unknown> {
  if (typeof content === "string") {
    try {
      return JSON.parse(content);
    } catch {
      return {};
    }
  }
  return typeof content === "object" && content !== null ? content as Record<string, unknown> : {};
}
