/**
 * Rundown exports (Superdesk's `ExportService` and its download route): a link to a rundown's
 * file in one of `RUNDOWN_FORMATS`, valid 7 days to whoever holds it (the client opens it in a new
 * window, without the session), and the file it names, made when it is downloaded.
 */
import { NotFoundError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { itemTypeNames } from "./item_type_names.ts";
import { exportRundown, RUNDOWN_FORMATS, safeFilename } from "./rundown_formats.ts";
import type { RundownItemsService } from "./rundown_items_service.ts";
import { vocabularyItems } from "./vocabulary_items.ts";

/** How long a link works (Superdesk's `EXPORT_EXPIRY_DAYS`). */
const EXPIRY_MS = 7 * 86_400_000;

export class RundownExportService extends ResourceService {
  /** A new link's token for `format` of rundown `rundown` (400 when either is unknown). */
  async link(format: unknown, rundown: unknown, actor: Actor): Promise<string> {
    if (!RUNDOWN_FORMATS.some((known) => known._id === format)) {
      throw new ValidationError({ format: `unknown export format "${format}"` });
    }
    if (!(await this.ctx.registry.service("rundowns").findOne({ _id: rundown }, actor))) {
      throw new ValidationError({ rundown: `rundown "${rundown}" does not exist` });
    }
    const token = crypto.randomUUID().replaceAll("-", "");
    await this.create(
      [{
        _id: token,
        format,
        rundown,
        expires_at: new Date(Date.now() + EXPIRY_MS),
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    return token;
  }

  /** Deletes the links expired at `now` (`rundown_exports_task.ts`); answers how many went. */
  purgeExpired(now = new Date()): Promise<number> {
    return this.deleteMany({ expires_at: { $lt: now } });
  }

  /** The file `token` names (404 when it names none or has expired). */
  async file(
    token: string,
  ): Promise<{ body: Uint8Array<ArrayBuffer>; type: string; filename: string }> {
    const link = await this.findOne({ _id: token });
    if (!link || !((link.expires_at as Date) > new Date())) {
      throw new NotFoundError("This export link is unknown or has expired");
    }
    const { registry } = this.ctx;
    const rundown = await registry.service("rundowns").findOne({ _id: link.rundown });
    if (!rundown) throw new NotFoundError("The exported rundown no longer exists");
    const show = await registry.service("shows").findOne({ _id: rundown.show }) ?? {};
    const refs = Array.isArray(rundown.items) ? rundown.items as Doc[] : [];
    const found = await registry.service<RundownItemsService>("rundown_items").byIds(
      refs.map((ref) => String(ref._id)),
    );
    const byId = new Map<string, Doc>(found.map((item) => [String(item._id), item]));
    const file = exportRundown(String(link.format), {
      show,
      rundown,
      items: refs.map((ref) => byId.get(String(ref._id))).filter((item): item is Doc => !!item),
      typeName: await itemTypeNames(registry),
      subitemTypes: await vocabularyItems(registry, "rundown_subitem_types"),
    });
    return { ...file, filename: safeFilename(file.filename) };
  }
}
