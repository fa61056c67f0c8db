/**
 * The zips of `POST /api/export` (the download form) live `EXPORT_EXPIRY_MINUTES` (default a
 * day): each is recorded in `export_files` with its expiry before it is stored, so that the
 * housekeeping task (`export_tasks.ts`) deletes every zip once it expires, also one whose
 * request died between the two writes.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField } from "../resources/schema/fields.ts";
import type { ServiceContext } from "../resources/service_context.ts";

/** The default lifetime of a zip, in minutes. */
export const EXPORT_EXPIRY_MINUTES = 24 * 60;

/** The zips' records, by media id; not routed. */
export const exportFilesResource = defineResource({
  name: "export_files",
  schema: Type.Object({ expires_at: DateTimeField() }),
  internal: true,
  indexes: [{ name: "expires_at_1", keys: { expires_at: 1 } }],
});

function files(ctx: ServiceContext) {
  return ctx.documents.collection(exportFilesResource.datasource.source);
}

/** Records that zip `id`, about to be stored, expires `lifetimeMinutes` from now. */
export async function recordExportFile(
  ctx: ServiceContext,
  id: string,
  lifetimeMinutes: number,
): Promise<void> {
  const expires = new Date(Date.now() + lifetimeMinutes * 60_000);
  await files(ctx).insertMany([{ _id: id, expires_at: expires }]);
}

/** Deletes the zips expired at `now` and their records; answers how many went. */
export async function expireExportFiles(ctx: ServiceContext, now = new Date()): Promise<number> {
  const expired = await files(ctx).find({ expires_at: { $lt: now } }, { limit: 1000 });
  for (const { _id } of expired) {
    // The file first: a record outlives its file, never the other way round.
    await ctx.media.delete(String(_id));
    await files(ctx).deleteOne({ _id });
  }
  return expired.length;
}
