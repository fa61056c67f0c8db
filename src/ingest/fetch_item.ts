/**
 * Fetching an ingested item into the newsroom (Superdesk's `FetchService` and `fetch_item`,
 * `apps/duplication/archive_fetch.py`, `apps/archive/common.py`): a new archive item (new guid,
 * version 1, `operation: fetch`) on the desk's stage (its incoming stage by default) in state
 * `fetched` (`routed` when a routing rule fetches it), pointing back with `ingest_id` (the agency
 * guid), `ingest_version` and `family_id` (the ingest id); a package's items and an item's
 * ingested associations are fetched with it; the ingest item is stamped `archived`; `item:fetch`
 * and `content:update` are pushed. A caller may fix the new item's id (routing does, so a routing
 * pass repeated after a crash finds the item it already made instead of making a second one).
 */
import { ConflictError, NotFoundError, ruleIssue, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { newGuid } from "../resources/ids.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { pushContentUpdate } from "../newsroom/content_events.ts";
import { resolveLocation } from "../newsroom/item_location.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import { withIsoDates } from "./iso_dates.ts";

/** Fields of an ingest item that do not go into the archive copy. */
const INGEST_ONLY = [
  "_id",
  "_etag",
  "_created",
  "_updated",
  "_current_version",
  "unique_id",
  "unique_name",
  "routing_pending",
  "archived",
  "expiry",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "task",
  "word_count",
];
const MEDIA = new Set(["picture", "graphic", "audio", "video"]);

/** Where and how to fetch. */
export interface FetchOptions {
  desk?: unknown;
  stage?: unknown;
  /** `fetched` (a user) or `routed` (a routing rule). */
  state?: "fetched" | "routed";
  actor: Actor;
  /** The new archive item's id; generated when absent. */
  archiveId?: string;
  /** Extra fields for the new item (a routing target's subscribers and types). */
  extra?: Doc;
  notify?: boolean;
  /** Stamp the ingest item `archived` (default); routing stamps once for all its fetches. */
  stamp?: boolean;
  /** Transforms the copy before it is stored (a routing destination's macro). */
  transform?: (item: Doc) => Promise<Doc>;
}

/** What a fetch needs. */
export interface FetchDeps {
  registry: ResourceRegistry;
  documents: DocumentStore;
}

/** Fetches ingest item `ingestId`; returns the new (or, for a fixed id, existing) archive item. */
export async function fetchFromIngest(
  deps: FetchDeps,
  ingestId: string,
  options: FetchOptions,
): Promise<Doc> {
  const { registry } = deps;
  const ingest = registry.service("ingest");
  const archive = registry.service<ArchiveService>("archive");
  if (typeof options.desk !== "string" || options.desk === "") {
    throw new ValidationError({ desk: ruleIssue("required") });
  }
  const source = await ingest.findOne({ _id: ingestId });
  if (!source) throw new NotFoundError(`Failed to find ingest item with _id: ${ingestId}`);
  if (source.state !== "ingested" && source.state !== "routed" && source.state !== "fetched") {
    throw new PreconditionFailedError(
      `Workflow transition is invalid: cannot fetch an item in state "${source.state}"`,
    );
  }
  if (options.archiveId) {
    const made = await archive.findOne({ _id: options.archiveId });
    if (made) return made;
  }
  const { created, desk, stage, existed } = await fetchIntoArchive(deps, source, {
    ...options,
    ingestId: stripVersion(String(source.guid), source.version),
    // Superdesk's `ingest_version` is a string (`metadata/item.py`), whatever the feed's type.
    ingestVersion: source.version == null ? null : String(source.version),
  });
  if (existed) return created;
  if (options.stamp !== false) {
    await ingest.update(ingestId, withIsoDates({ archived: created.versioncreated }), {
      actor: SYSTEM_ACTOR,
    });
  }
  if (options.notify !== false) {
    await archive.notify("item:fetch", {
      user: options.actor.userId ?? "",
      item: ingestId,
      item_version: String(source.version ?? ""),
      from_desk: null,
      from_stage: null,
      to_desk: String(desk!._id),
      to_stage: stage?._id ? String(stage._id) : null,
    });
    await pushContentUpdate(archive.notify, options.actor.userId, [created]);
  }
  return created;
}

/**
 * Stores the archive copy of `source` (Superdesk's `fetch_item`): on the desk and stage
 * `options` name, in state `fetched` (or `routed`), with a new guid, version 1,
 * `operation: fetch`, `family_id` the source's id, `ingest_id` as given and the fetching user as
 * creator; a package's items and ingested associations are fetched with it. Used for ingest
 * items and for the items of search providers (`search_providers_proxy`). `existed`: the fixed
 * `archiveId` was stored already (by an earlier pass), and that item is answered.
 */
export async function fetchIntoArchive(
  deps: FetchDeps,
  source: Doc,
  options: FetchOptions & { ingestId: string; ingestVersion?: unknown },
): Promise<{ created: Doc; desk: Doc | null; stage: Doc | null; existed?: boolean }> {
  const { registry } = deps;
  const archive = registry.service<ArchiveService>("archive");
  if (typeof options.desk !== "string" || options.desk === "") {
    throw new ValidationError({ desk: ruleIssue("required") });
  }
  const { desk, stage } = await resolveLocation(registry, {
    desk: options.desk,
    stage: options.stage,
  }, {
    actor: options.actor,
    checkMembership: false,
  });
  const state = options.state ?? "fetched";
  let dest: Doc = withIsoDates({ ...source, ...(options.extra ?? {}) });
  if (options.transform) dest = withIsoDates(await options.transform(dest));
  for (const field of INGEST_ONLY) delete dest[field];
  const id = options.archiveId ?? newGuid();
  Object.assign(dest, {
    _id: id,
    guid: id,
    uri: source.uri ?? source.guid,
    state,
    operation: "fetch",
    version: 1,
    versioncreated: new Date().toISOString(),
    family_id: source._id,
    ingest_id: options.ingestId,
    ...(options.ingestVersion === undefined ? {} : { ingest_version: options.ingestVersion }),
    task: { desk: desk!._id, stage: stage?._id ?? null, user: options.actor.userId ?? null },
  });
  if (options.actor.userId) {
    dest.original_creator = options.actor.userId;
    const user = await registry.service("users").findOne({ _id: options.actor.userId });
    if (typeof user?.sign_off === "string") dest.sign_off = user.sign_off;
  }
  if (desk?.default_content_profile && !MEDIA.has(String(dest.type))) {
    dest.profile = desk.default_content_profile;
  }
  const child = { ...options, archiveId: undefined, notify: false, transform: undefined };
  await fetchPackageItems(deps, dest, child);
  await fetchAssociations(deps, dest, child);
  let created: Doc;
  try {
    [created] = await archive.create([dest], SYSTEM_ACTOR) as [Doc];
  } catch (error) {
    // The fixed id exists: an earlier pass made this item.
    if (error instanceof ConflictError && options.archiveId) {
      const existing = (await archive.findOne({ _id: options.archiveId }))!;
      return { created: existing, desk, stage, existed: true };
    }
    throw error;
  }
  await archive.signals.emit("item:operation", {
    item: created,
    operation: "fetch",
    updates: { task: created.task ?? null },
    user: options.actor.userId,
  });
  return { created, desk, stage };
}

/** Fetches the items a package refers to and points the references at the copies. */
async function fetchPackageItems(deps: FetchDeps, pkg: Doc, options: FetchOptions) {
  const groups = Array.isArray(pkg.groups) ? pkg.groups as Doc[] : [];
  for (const group of groups) {
    for (const ref of Array.isArray(group.refs) ? group.refs as Doc[] : []) {
      if (typeof ref.residRef !== "string") continue;
      const copy = await fetchFromIngest(deps, ref.residRef, options).catch((error) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (!copy) continue;
      ref.residRef = ref.guid = copy._id;
      ref.location = "archive";
    }
  }
}

/** Fetches associations that are still ingest items and embeds the copies. */
async function fetchAssociations(deps: FetchDeps, item: Doc, options: FetchOptions) {
  const associations = item.associations as Record<string, Doc | null> | undefined;
  if (!associations || typeof associations !== "object") return;
  for (const [key, association] of Object.entries(associations)) {
    if (!association || association.state !== "ingested" || typeof association._id !== "string") {
      continue;
    }
    const copy = await fetchFromIngest(deps, association._id, options).catch((error) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (copy) associations[key] = withIsoDates(copy);
  }
}

/** A NewsML guid with its `:version` suffix removed (Superdesk's `__strip_version_from_guid`). */
function stripVersion(guid: string, version: unknown): string {
  const suffix = `:${version}`;
  return version !== undefined && version !== null && guid.endsWith(suffix)
    ? guid.slice(0, -suffix.length)
    : guid;
}
