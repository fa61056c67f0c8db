/**
 * Restoring a version (Superdesk's `ArchiveService.restore_version`): `PUT /api/archive/<id>`
 * with `{old_version, last_version}` makes version `old_version` the content of a new version,
 * provided `last_version` is still the latest. Where the item is (desk, stage, state) and its
 * lock stay as they are now: a restore changes content, not workflow.
 */
import { NotFoundError, PreconditionRequiredError, ValidationError } from "../errors.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { WriteOptions } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { signOff } from "./sign_off.ts";
import { pushContentUpdate } from "./content_events.ts";
import { PreconditionFailedError } from "./precondition_failed.ts";

/** Fields of the current item a restore keeps. */
const KEPT = [
  "guid",
  "original_creator",
  "firstcreated",
  "task",
  "state",
  "revert_state",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "expiry",
  "family_id",
  "event_id",
];

/** Meta fields of a version copy that the new version must not inherit. */
const META = ["_id", "_etag", "_created", "_updated", "_current_version", "_latest_version"];

/** Restores `input.old_version` of item `id`; returns the stored item. */
export async function restoreVersion(
  archive: ArchiveService,
  id: string,
  input: Doc,
  { etag, actor = SYSTEM_ACTOR }: WriteOptions,
): Promise<Doc> {
  const oldVersion = positiveInteger(input.old_version, "old_version");
  const lastVersion = positiveInteger(input.last_version, "last_version");
  if (etag === undefined && actor.kind === "user") throw new PreconditionRequiredError();
  const current = await archive.getById(id, actor);
  const old = await archive.versions!.get(id, oldVersion);
  if (!old) throw new NotFoundError(`Invalid version ${oldVersion}`);
  if (current._current_version !== lastVersion) {
    throw new PreconditionFailedError(`Invalid last version ${lastVersion}`);
  }
  await archive.assertEditable(current, actor);
  const doc: Doc = { ...old };
  for (const field of META) delete doc[field];
  for (const field of KEPT) {
    if (field in current) doc[field] = current[field];
    else delete doc[field];
  }
  doc.operation = "restore";
  doc.versioncreated = new Date();
  doc.version_creator = actor.userId ?? doc.version_creator ?? null;
  delete doc.sign_off;
  await signOff(archive, doc, { original: current, actor });
  doc.sign_off ??= current.sign_off;
  const { doc: stored } = await archive.replace(id, datesToWire(doc), {
    etag: etag ?? String(current._etag),
    actor: SYSTEM_ACTOR,
  });
  await pushContentUpdate(archive.notify, actor.userId, [current, stored]);
  await archive.signals.emit("item:updated", {
    item: stored,
    original: current,
    updates: stored,
    user: actor.userId,
  });
  return stored;
}

function positiveInteger(value: unknown, field: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1) {
    throw new ValidationError({ [field]: "must be an integer ≥ 1" });
  }
  return number;
}

/** The copy with its dates as ISO strings, so the replace validates and re-coerces them. */
function datesToWire(value: unknown): Doc {
  return JSON.parse(JSON.stringify(value)) as Doc;
}
