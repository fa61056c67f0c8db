/**
 * Translating a content item (Superdesk's `TranslateService`, `apps/duplication/
 * archive_translate.py`): a copy of the item in another language (`POST /api/archive/translate
 * {guid, language, desk?}`), made by the duplicate's code with `operation: translate`, naming its
 * source (`translated_from`) and the first item of its translation chain (`translation_id`); the
 * translation macros registered for the two languages run on it (`fromLanguages`/`toLanguages`);
 * a package's members are translated first and the copy's refs name their translations. The
 * source lists its translations (`translations`), and so do its published copies. Refused for
 * spiked, killed and recalled items (412); an item already in that language is its own
 * translation.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import type { MacroList } from "../apps/macro_registry.ts";
import { copyItem } from "../ingest/duplicate_item.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { itemRefsOf } from "../newsroom/package_groups.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import { addTranslation } from "./translation_links.ts";

const REFUSED_STATES = new Set(["spiked", "killed", "recalled"]);

/** What a translation request names. */
export interface TranslateRequest {
  guid: string;
  language: string;
  desk?: string | null;
}

/** Checks the body of `POST /api/archive/translate` (Superdesk's resource schema). */
export function translateRequest(body: Doc): TranslateRequest {
  const issues: Record<string, string> = {};
  for (const field of ["guid", "language"]) {
    if (typeof body[field] !== "string" || body[field] === "") issues[field] = "required field";
  }
  if (body.desk != null && typeof body.desk !== "string") issues.desk = "must be of string type";
  if (Object.keys(issues).length > 0) {
    throw new BadRequestError("Cannot translate the item: the request is invalid", { issues });
  }
  return {
    guid: String(body.guid),
    language: String(body.language),
    desk: typeof body.desk === "string" ? body.desk : null,
  };
}

/** Translates `request.guid`; returns the translation (the item itself if already in that language). */
export async function translateItem(
  ctx: ServiceContext,
  macros: MacroList,
  request: TranslateRequest,
  actor: Actor,
): Promise<Doc> {
  const archive = ctx.registry.service<ArchiveService>("archive");
  const id = await translate(ctx, macros, request.guid, { ...request, actor });
  return (await archive.getById(id, actor))!;
}

async function translate(
  ctx: ServiceContext,
  macros: MacroList,
  guid: string,
  { language, desk, actor }: TranslateRequest & { actor: Actor },
): Promise<string> {
  const archive = ctx.registry.service<ArchiveService>("archive");
  const source = await archive.findOne({ _id: guid }, actor);
  if (!source) throw new NotFoundError(`Failed to find item with guid: ${guid}`);
  if (REFUSED_STATES.has(String(source.state))) {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  if (source.language === language) return guid;
  let item: Doc = structuredClone(source);
  if (item.type === "composite") {
    for (const ref of itemRefsOf(item)) {
      ref.residRef = await translate(ctx, macros, String(ref.residRef), {
        guid,
        language,
        desk,
        actor,
      });
    }
  }
  const translationId = String(item.translation_id || item.guid || item._id);
  for (const macro of macros.list()) {
    const from = macro.fromLanguages;
    if (
      (from?.length && !from.includes(String(item.language))) ||
      !macro.toLanguages?.includes(language)
    ) continue;
    item = (await macro.callback(item, { actor, services: ctx, log: ctx.log })).item;
  }
  const copy = await copyItem({ registry: ctx.registry, documents: ctx.documents }, item, {
    actor,
    desk: desk ?? undefined,
    // Superdesk's `duplicate_item`: a copy of an item on a desk is `submitted`.
    state: desk || (source.task as Doc | undefined)?.desk ? "submitted" : String(source.state),
    operation: "translate",
    extra: {
      language,
      translated_from: guid,
      translation_id: translationId,
    },
  });
  await addTranslation(ctx, source, { translationId, translation: String(copy._id) });
  return String(copy._id);
}
