/**
 * Exporting content items (Superdesk's `ExportService`, `apps/export`): `POST /api/export
 * {item_ids, format_type, validate?, inline?}` formats each item the caller may read with the
 * formatter named by its class name (`NINJSFormatter` ...); with `validate` an item failing its
 * publish validation is skipped, and so is one the formatter cannot format; `failures` counts
 * them. The formatted items are answered inline (`export`: item id → the parsed JSON, or the
 * text) or stored as a zip (`<slugline>_<unique_id>.txt` each) whose download `url` is answered
 * (no `url` when nothing was exported), which lives `expiryMinutes` (`export_files.ts`).
 */
import { BadRequestError, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { FORMATTERS } from "../publish/formatters/formatters.ts";
import type { ItemValidator } from "../publish/item_validator.ts";
import { recordExportFile } from "./export_files.ts";
import { zipArchive } from "./zip_archive.ts";

/** Most items one export takes (a selection in the client). */
export const MAX_EXPORT_ITEMS = 500;

/** What the export answers besides the request. */
export interface ExportResult {
  failures: number;
  url?: string;
  export?: Record<string, unknown>;
}

/** Exports as the request asks; `mediaPrefix` is where downloads are served. */
export async function exportItems(
  ctx: ServiceContext,
  { validator, mediaPrefix, expiryMinutes }: {
    validator: ItemValidator;
    mediaPrefix: string;
    expiryMinutes: number;
  },
  body: Doc,
  actor: Actor,
): Promise<ExportResult> {
  const { itemIds, formatType, validate, inline } = exportRequest(body);
  const formatter = FORMATTERS.find((candidate) => candidate.name === formatType);
  if (!formatter) throw new BadRequestError("Formatter not found for requested format type.");
  const archive = ctx.registry.service("archive");
  const files: Array<[string, string, string]> = [];
  let failures = 0;
  for (const id of itemIds) {
    const item = await archive.findOne({ _id: id }, actor);
    if (!item) continue;
    const type = String(item.type ?? "text");
    if (validate) {
      const result = await validator.validate({ act: "publish", type, item });
      if (result && result.errors.length > 0) {
        failures++;
        continue;
      }
    }
    let text: string;
    try {
      if (!formatter.canFormat(item)) throw new Error(`cannot format ${type} items`);
      text = formatter.format(item, {
        subscriber: { _id: "0" },
        destination: {},
        sequence: 0,
        codes: [],
      })
        .text;
    } catch (error) {
      ctx.log.warn("export: an item could not be formatted", { item: id, error: String(error) });
      failures++;
      continue;
    }
    files.push([id, entryName(item, id), text]);
  }
  if (files.length === 0) return { failures };
  if (inline) {
    return {
      failures,
      export: Object.fromEntries(files.map(([id, , text]) => [id, parsed(text)])),
    };
  }
  const id = unguessableMediaId();
  await recordExportFile(ctx, id, expiryMinutes);
  const stored = await ctx.media.put(zipArchive(files.map(([, name, text]) => [name, text])), {
    contentType: "application/zip",
    filename: "export.zip",
    id,
  });
  return { failures, url: `${mediaPrefix}/${stored._id}?download=true` };
}

/** Superdesk's resource schema for the request. */
function exportRequest(body: Doc) {
  const issues: Record<string, string> = {};
  if (!Array.isArray(body.item_ids)) issues.item_ids = "required field";
  else if (body.item_ids.length > MAX_EXPORT_ITEMS) {
    issues.item_ids = `at most ${MAX_EXPORT_ITEMS} items`;
  } else if (body.item_ids.some((id) => typeof id !== "string")) {
    issues.item_ids = "must be a list of strings";
  }
  if (typeof body.format_type !== "string") issues.format_type = "required field";
  for (const flag of ["validate", "inline"]) {
    if (body[flag] !== undefined && typeof body[flag] !== "boolean") {
      issues[flag] = "must be of boolean type";
    }
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  const itemIds = body.item_ids as string[];
  if (itemIds.length === 0) throw new BadRequestError("No items to export.");
  return {
    itemIds,
    formatType: String(body.format_type),
    validate: body.validate === true,
    inline: body.inline === true,
  };
}

/**
 * A random media id for the zip: the download URL is all that keeps the exported items (drafts of
 * the caller's own included) from the other users, and ObjectIds follow a clock and a counter
 * that any upload shows. Superdesk's export file names are random too (`get_random_string`).
 */
function unguessableMediaId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The longest entry name, in UTF-8 bytes: what file systems take as one file's name. */
const MAX_NAME_BYTES = 255;

/**
 * Superdesk's `<slugline>_<unique_id>.txt` without the characters Windows refuses; an item
 * without a unique id (one stored before every new item got one) is named by its guid. A long slugline
 * (or id) is cut to whole characters so that the name can be extracted.
 */
function entryName(item: Doc, id: string): string {
  const clean = (text: string) => text.replace(/[\\/*?:"<>|]/g, "");
  const room = MAX_NAME_BYTES - ".txt".length;
  const unique = cutToBytes(clean(`_${item.unique_id ?? item.guid ?? id}`), room);
  const slugline = cutToBytes(clean(String(item.slugline ?? "")), room - byteLength(unique));
  return `${slugline}${unique}.txt`;
}

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The longest start of `text`, in whole characters, of at most `bytes` UTF-8 bytes. */
function cutToBytes(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let cut = "";
  for (const char of text) {
    if (byteLength(cut + char) > bytes) break;
    cut += char;
  }
  return cut;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
