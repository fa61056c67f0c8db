/**
 * `POST /api/spellcheck {word, language_id}` (Superdesk's `SpellcheckService`): corrections of the
 * word from the language's model (`spellcheck_models.ts`).
 */
import { ValidationError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";
import { norvigSuggest } from "./norvig_suggest.ts";
import type { SpellcheckModels } from "./spellcheck_models.ts";

/** The longest word looked up (each edit of a word is a candidate: keep the set small). */
const MAX_WORD_LENGTH = 100;

/** The request with its `corrections`. */
export async function spellcheck(models: SpellcheckModels, body: Doc): Promise<Doc> {
  const issues: Record<string, string> = {};
  for (const field of ["word", "language_id"]) {
    if (typeof body[field] !== "string") issues[field] = "required field";
  }
  if (typeof body.word === "string" && body.word.length > MAX_WORD_LENGTH) {
    issues.word = `at most ${MAX_WORD_LENGTH} characters`;
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  const model = await models.modelFor(String(body.language_id));
  return { ...body, corrections: norvigSuggest(String(body.word), model) };
}
