/**
 * Dictionaries (Superdesk's `DictionaryService`): `content_list` (JSON text) becomes `content`;
 * a PATCH of a word list adds the words sent with a count and removes those sent with 0 (an
 * abbreviations dictionary is replaced instead); the type cannot change and abbreviations need a
 * user. A personal dictionary is visible to its user (and to holders of `dictionaries`); others
 * to everyone. Changes are announced as `dictionary:created|updated` with the language.
 */
import { BadRequestError, HttpError, ValidationError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { DICTIONARIES_PRIVILEGE } from "./dictionaries_resource.ts";

type Words = Record<string, unknown>;

export class DictionariesService extends ResourceService {
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (hasPrivilege(actor, DICTIONARIES_PRIVILEGE)) return undefined;
    return { $or: [{ user: null }, { user: actor.userId ?? "\u0000" }] };
  }

  /** Write answers render `content` as reads do (an object), not as stored. */
  override async create(inputs: Doc[], actor?: Actor): Promise<Doc[]> {
    try {
      return (await super.create(inputs.map(contentAsText), actor)).map(asRead);
    } catch (error) {
      throw duplicate(error, { issues: { name: "duplicate" } });
    }
  }

  override async update(id: string, input: Doc, options?: WriteOptions): Promise<Doc> {
    try {
      return asRead(await super.update(id, contentAsText(input), options));
    } catch (error) {
      throw asValidatorException(duplicate(error));
    }
  }

  override async replace(
    id: string,
    input: Doc,
    options?: WriteOptions,
  ): Promise<{ doc: Doc; created: boolean }> {
    const { doc, created } = await super.replace(id, input, options);
    return { doc: asRead(doc), created };
  }

  protected override onCreate(docs: Doc[]) {
    for (const doc of docs) prepareNew(doc);
  }

  protected override onReplace(doc: Doc, original: Doc) {
    if ((doc.type ?? "dictionary") !== (original.type ?? "dictionary")) {
      throw new BadRequestError("The dictionary type cannot be changed.");
    }
    prepareNew(doc);
  }

  protected override onUpdate(updates: Doc, original: Doc) {
    const type = original.type ?? "dictionary";
    if (updates.type !== undefined && updates.type !== type) {
      throw new BadRequestError("The dictionary type cannot be changed.");
    }
    requireUserForAbbreviations({ ...original, ...updates, type });
    if (!("content" in updates) && !("content_list" in updates)) return;
    const sent = { ...sentWords(updates.content), ...contentList(updates) };
    delete updates.content_list;
    if (type === "abbreviations") {
      updates.content = JSON.stringify(sent);
      return;
    }
    const words = storedWords(original.content);
    for (const [word, count] of Object.entries(sent)) {
      if (count) words[word] = Number(words[word] ?? 0) + (typeof count === "number" ? count : 1);
      else delete words[word];
    }
    updates.content = JSON.stringify(words);
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) Object.assign(doc, asRead(doc));
  }

  protected override async onCreated(docs: Doc[]) {
    for (const doc of docs) {
      await this.ctx.notify("dictionary:created", { language: doc.language_id });
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc) {
    await this.ctx.notify("dictionary:updated", {
      language: updates.language_id ?? original.language_id,
    });
  }
}

/** `doc` as clients read it: `content` an object of words, `type` always set. */
function asRead(doc: Doc): Doc {
  const read: Doc = { ...doc, type: doc.type ?? "dictionary" };
  if (typeof doc.content === "string") read.content = storedWords(doc.content);
  return read;
}

/** Defaults, checks, and `content` (with `content_list`) stored as JSON text. */
function prepareNew(doc: Doc): void {
  doc.type ??= "dictionary";
  doc.is_active ??= "true";
  requireUserForAbbreviations(doc);
  const content = { ...sentWords(doc.content), ...contentList(doc) };
  delete doc.content_list;
  doc.content = JSON.stringify(content);
}

function requireUserForAbbreviations(doc: Doc): void {
  if (doc.type === "abbreviations" && !doc.user) {
    throw new HttpError(400, "User is required for the abbreviations dictionary.", {
      issues: { user: "missing" },
    });
  }
}

function asWords(value: unknown): Words {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Words : {};
}

/** The words of `content_list`, a JSON object as text. */
function contentList(doc: Doc): Words {
  return typeof doc.content_list === "string"
    ? wordsFromText(doc.content_list, "content_list")
    : {};
}

/** Sent `content`: an object, or the JSON text answers carry (never dropped silently). */
function sentWords(value: unknown): Words {
  return typeof value === "string" ? wordsFromText(value, "content") : asWords(value);
}

/** A JSON object of words in `text`, else a 400 naming `field`. */
function wordsFromText(text: string, field: string): Words {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new ValidationError({ [field]: "must be a JSON object of words" });
}

/** The stored content (JSON text, or an object written by an older version). */
function storedWords(value: unknown): Words {
  if (typeof value !== "string") return { ...asWords(value) };
  try {
    return asWords(JSON.parse(value));
  } catch {
    return {};
  }
}

/**
 * `content` sent as an object travels as JSON text (`content_list`), so words holding "." are
 * not taken for nested fields (Superdesk's SDESK-3083).
 */
function contentAsText(input: Doc): Doc {
  if (!isWords(input.content)) return input;
  const { content, ...rest } = input;
  const listed = typeof rest.content_list === "string" ? contentList(rest) : {};
  return { ...rest, content_list: JSON.stringify({ ...content, ...listed }) };
}

function isWords(value: unknown): value is Words {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A name taken in the language and type is Superdesk's "already exists". */
function duplicate(error: unknown, { issues }: { issues?: Record<string, unknown> } = {}): unknown {
  const found = error instanceof ValidationError ? error.issues : undefined;
  const unique = found?.name;
  if (typeof unique !== "object" || unique === null || !("unique" in unique)) return error;
  return new HttpError(400, "The dictionary already exists", { issues });
}

/**
 * A refusal while updating reads as Superdesk's (`{"validator exception": "400: <message>"}`,
 * its wrapping of errors raised in `on_update`).
 */
function asValidatorException(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.status !== 400 || error.issues) return error;
  return new HttpError(400, error.message, {
    issues: { "validator exception": `400: ${error.message}` },
  });
}
