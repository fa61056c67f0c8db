/**
 * The word model of a language (Superdesk's `get_model_for_lang`): every active dictionary of
 * the language (a regional one, `en-AU`, with its base language's, `en`, unless both exist: then
 * the regional only), personal ones included, counts added up. A model is kept while the
 * dictionaries it was built from stay as they are (same ids and etags): a dictionary holds up to
 * hundreds of thousands of words, and parsing them takes the event loop for seconds, which
 * Superdesk does on every request.
 */
import type { Doc, DocumentStore } from "../storage/document_store.ts";

/** Word → frequency. */
export type WordModel = ReadonlyMap<string, number>;

/** The models of the languages asked, each rebuilt when its dictionaries change. */
export class SpellcheckModels {
  #documents: DocumentStore;
  #built = new Map<string, { key: string; model: WordModel }>();

  constructor(documents: DocumentStore) {
    this.#documents = documents;
  }

  /** The model of language `lang` (empty when it has no dictionary). */
  async modelFor(lang: string): Promise<WordModel> {
    const dictionaries = this.#documents.collection("dictionaries");
    const base = lang.indexOf("-") > 0 ? lang.split("-")[0]! : undefined;
    let dicts = await dictionaries.find({
      language_id: { $in: base ? [lang, base] : [lang] },
      $and: [
        { $or: [{ is_active: { $exists: false } }, { is_active: { $in: ["true", true] } }] },
        { $or: [{ type: { $exists: false } }, { type: "dictionary" }] },
      ],
    }, { projection: { _id: 1, _etag: 1, language_id: 1 } });
    const found = new Set(dicts.map((d) => d.language_id));
    if (base && found.has(base) && found.has(lang)) {
      dicts = dicts.filter((d) => d.language_id !== base);
    }
    const key = dicts.map((d) => `${d._id}:${d._etag}`).sort().join(",");
    const cached = this.#built.get(lang);
    if (cached?.key === key) return cached.model;
    const model = new Map<string, number>();
    const contents = dicts.length === 0
      ? []
      : await dictionaries.find({ _id: { $in: dicts.map((d) => d._id) } });
    for (const dict of contents) {
      for (const [word, count] of Object.entries(wordsOf(dict.content))) {
        if (typeof count === "number") model.set(word, (model.get(word) ?? 0) + count);
      }
    }
    // Only languages with dictionaries are kept: the language asked is anyone's input.
    if (dicts.length > 0) this.#built.set(lang, { key, model });
    else this.#built.delete(lang);
    return model;
  }
}

function wordsOf(content: unknown): Doc {
  if (typeof content === "string") {
    try {
      return JSON.parse(content);
    } catch {
      return {};
    }
  }
  return typeof content === "object" && content !== null ? content as Doc : {};
}
