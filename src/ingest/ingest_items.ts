/**
 * Storing one batch of parsed items (Superdesk's `ingest_items`/`ingest_item` in
 * `superdesk/io/commands/update_ingest.py`): expired items and types the provider does not take
 * are dropped; categories and IPTC subjects are settled (`subject_categories.ts`); each item gets
 * the provider, its source, expiry and state, the provider's rule set
 * applied to its body, a sequence number; packages are stored after the items they reference and
 * point at their ingest ids. Deduplication is by agency guid and version: a guid seen before is
 * replaced only by a newer version (unless the provider disables updates), the same version is
 * skipped, and a unique `guid` index settles two pollers writing one guid at once. A stored new
 * version is then routed (a package's items only with the package). One bad item is reported and never stops the others.
 */
import type { Doc } from "../storage/document_store.ts";
import { EtagMismatchError, HttpError } from "../errors.ts";
import { newGuid } from "../resources/ids.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { nextSequences } from "../resources/sequences.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import { asIngestError, IngestError } from "./ingest_error.ts";
import type { IngestService } from "./ingest_service.ts";
import { IngestProvidersService } from "./ingest_providers_service.ts";
import { withIsoDates } from "./iso_dates.ts";
import { isNewVersion } from "./item_versions.ts";
import { categoryVocabularies, settleSubjectsAndCategories } from "./subject_categories.ts";
import { resolveCreatorEmail } from "./creator_email.ts";
import { resolveTaskNames } from "./task_names.ts";
import { resolveDatelineCity } from "./dateline_city.ts";
import { resolveCustomSubjects } from "./custom_subjects.ts";
import { resolveApCategories } from "./ap_category_map.ts";

/** Superdesk's `MAX_VALUE_OF_INGEST_SEQUENCE`. */
const MAX_SEQUENCE = 9999;
/** Fields a new version never changes. */
const IDENTITY = [
  "_id",
  "guid",
  "unique_id",
  "unique_name",
  "family_id",
  "ingest_provider_sequence",
];

/** Applies routing to a stored item; resolves (true when it fetched it somewhere) once done. */
export type RouteItem = (item: Doc) => Promise<boolean>;

/** What storing a batch did. */
export interface IngestOutcome {
  /** New items and new versions, as stored. */
  stored: Doc[];
  /** Items already stored in this version (or expired, or of a type not taken). */
  skipped: number;
  problems: IngestError[];
}

/** What the pipeline needs. */
export interface IngestDeps {
  registry: ResourceRegistry;
  documents: DocumentStore;
  /** Minutes an item lives when the provider sets no `content_expiry`. */
  defaultExpiryMinutes: number;
}

/** Stores `items` from `provider`; `route` runs for each stored version when given. */
export async function ingestItems(
  deps: IngestDeps,
  provider: Doc,
  items: Doc[],
  { now = new Date(), route, ruleSet }: { now?: Date; route?: RouteItem; ruleSet?: Doc | null } =
    {},
): Promise<IngestOutcome> {
  const ingest = deps.registry.service<IngestService>("ingest");
  const outcome: IngestOutcome = { stored: [], skipped: 0, problems: [] };
  const expiryMinutes = typeof provider.content_expiry === "number" && provider.content_expiry > 0
    ? provider.content_expiry
    : deps.defaultExpiryMinutes;
  const types = Array.isArray(provider.content_types) ? provider.content_types as string[] : null;
  const eligible = items.filter((item) => {
    const type = String(item.type ?? "text");
    const keep = (!types || types.includes(type)) && !expired(item, expiryMinutes, now);
    if (!keep) outcome.skipped++;
    return keep;
  });
  for (const item of [...eligible]) {
    await resolveTaskNames(deps.registry, item);
    await resolveDatelineCity(deps.registry, item);
    await resolveCustomSubjects(deps.registry, item);
    await resolveApCategories(deps.registry, item);
    try {
      await resolveCreatorEmail(deps.registry, item);
    } catch (error) {
      outcome.problems.push(itemProblem(error, item));
      eligible.splice(eligible.indexOf(item), 1);
    }
  }
  if (eligible.length > 0) {
    const vocabularies = await categoryVocabularies(deps.registry);
    for (const item of eligible) settleSubjectsAndCategories(item, vocabularies);
  }
  // A package's items go where the package is routed, never on their own (Superdesk's).
  const packaged = new Set(eligible.filter((item) => item.type === "composite").flatMap(refGuids));
  const prepared = eligible.map((item) =>
    prepare(item, provider, {
      expiryMinutes,
      now,
      ruleSet,
      routed: Boolean(route) && !packaged.has(item.guid),
    })
  );
  // Associated items first, packages last: references then point at stored ingest ids.
  const associated = new Set(prepared.flatMap(associationGuids));
  const toRoute: Doc[] = [];
  for (
    const group of [
      prepared.filter((item) => item.type !== "composite" && associated.has(item.guid)),
      prepared.filter((item) => item.type !== "composite" && !associated.has(item.guid)),
      prepared.filter((item) => item.type === "composite"),
    ]
  ) {
    await storeGroup(deps, ingest, provider, group, { outcome, toRoute });
  }
  if (route) {
    for (const item of toRoute) {
      if (item.routing_pending !== true) continue;
      try {
        const fetched = await route(item);
        const done: Doc = { routing_pending: false };
        if (fetched) done.archived = new Date().toISOString();
        await ingest.update(String(item._id), done, { actor: SYSTEM_ACTOR });
      } catch (error) {
        outcome.problems.push(itemProblem(error, item));
      }
    }
  }
  return outcome;
}

/** Stores one group of items: new versions of known guids, then the new guids in one write. */
async function storeGroup(
  deps: IngestDeps,
  ingest: IngestService,
  provider: Doc,
  group: Doc[],
  { outcome, toRoute }: { outcome: IngestOutcome; toRoute: Doc[] },
) {
  if (group.length === 0) return;
  const existing = new Map(
    (await ingest.byGuids(group.map((item) => String(item.guid)))).map((doc) => [doc.guid, doc]),
  );
  const fresh: Doc[] = [];
  for (const item of group) {
    try {
      if (item.type === "composite") await resolveRefs(ingest, item, outcome.stored);
      await resolveAssociations(ingest, item);
      const stored = existing.get(item.guid);
      if (!stored) fresh.push(item);
      else {
        const result = await storeVersion(ingest, provider, item, stored);
        if (result === "skipped") outcome.skipped++;
        else if (result === "reroute") toRoute.push(stored);
        else {
          outcome.stored.push(result);
          toRoute.push(result);
        }
      }
    } catch (error) {
      outcome.problems.push(itemProblem(error, item));
    }
  }
  for (const stored of await storeNew(deps, ingest, provider, fresh, outcome)) {
    outcome.stored.push(stored);
    toRoute.push(stored);
  }
}

/** Superdesk's defaults and the provider's rules, in wire form (ISO dates). */
function prepare(
  item: Doc,
  provider: Doc,
  { expiryMinutes, now, ruleSet, routed }: {
    expiryMinutes: number;
    now: Date;
    ruleSet?: Doc | null;
    routed: boolean;
  },
): Doc {
  const doc: Doc = { ...item };
  doc.ingest_provider = String(provider._id);
  doc.source ??= provider.source ?? "";
  doc.uri ??= doc.guid;
  doc.type ??= "text";
  const base = dateOf(doc.versioncreated) ?? now;
  doc.expiry ??= new Date(base.getTime() + expiryMinutes * 60_000);
  doc.state = "ingested";
  if (doc.pubstatus === "canceled" || doc.pubstatus === "cancelled") doc.state = "killed";
  if (ruleSet && typeof doc.body_html === "string") {
    doc.body_html = applyRuleSet(doc.body_html, ruleSet);
  }
  if (routed) doc.routing_pending = true;
  return withIsoDates(doc);
}

function expired(item: Doc, minutes: number, now: Date): boolean {
  const expiry = dateOf(item.expiry);
  if (expiry) return expiry <= now;
  const created = dateOf(item.versioncreated);
  return created !== undefined && created.getTime() + minutes * 60_000 <= now.getTime();
}

/** Superdesk's rule sets: literal replacements in the body. */
function applyRuleSet(body: string, ruleSet: Doc): string {
  const rules = Array.isArray(ruleSet.rules) ? ruleSet.rules as Doc[] : [];
  return rules.reduce(
    (text, rule) =>
      typeof rule.old === "string" && rule.old !== ""
        ? text.replaceAll(rule.old, typeof rule.new === "string" ? rule.new : "")
        : text,
    body,
  );
}

/** Stores a newer version over `stored`; "skipped" for the same or an older version. */
async function storeVersion(
  ingest: IngestService,
  provider: Doc,
  item: Doc,
  stored: Doc,
): Promise<Doc | "skipped" | "reroute"> {
  let current = stored;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (provider.disable_item_updates === true || !isNewVersion(item, current)) {
      // The same version whose routing a killed poll left undone is routed now.
      return current.routing_pending === true ? "reroute" : "skipped";
    }
    const replacement: Doc = { ...item };
    for (const field of IDENTITY) {
      if (current[field] !== undefined) replacement[field] = current[field];
    }
    try {
      const { doc } = await ingest.replace(String(current._id), replacement, {
        etag: String(current._etag),
        actor: SYSTEM_ACTOR,
      });
      if (doc.state === "killed") await cancelFamily(ingest, doc);
      return doc;
    } catch (error) {
      if (!(error instanceof EtagMismatchError)) throw error;
      current = (await ingest.byGuid(String(item.guid))) ?? current;
    }
  }
  throw new EtagMismatchError();
}

/** Stores new items in one write, or one by one when another poller stored some meanwhile. */
async function storeNew(
  deps: IngestDeps,
  ingest: IngestService,
  provider: Doc,
  items: Doc[],
  outcome: IngestOutcome,
): Promise<Doc[]> {
  if (items.length === 0) return [];
  const sequences = await nextSequences(
    deps.documents,
    IngestProvidersService.sequenceKey(String(provider._id)),
    { max: MAX_SEQUENCE, count: items.filter((item) => !item.ingest_provider_sequence).length },
  );
  for (const item of items) {
    item._id = newGuid();
    item.family_id = item._id;
    item.ingest_provider_sequence ??= String(sequences.shift());
  }
  try {
    return await ingest.create(items, SYSTEM_ACTOR);
  } catch (error) {
    itemProblem(error, items[0]!);
  }
  // Some item is invalid or was stored meanwhile by another poller: one by one.
  const stored: Doc[] = [];
  for (const item of items) {
    try {
      stored.push(...await ingest.create([item], SYSTEM_ACTOR));
    } catch (error) {
      const winner = await ingest.byGuid(String(item.guid));
      if (!winner) {
        outcome.problems.push(itemProblem(error, item));
        continue;
      }
      const result = await storeVersion(ingest, provider, item, winner);
      if (result === "skipped" || result === "reroute") outcome.skipped++;
      else stored.push(result);
    }
  }
  return stored;
}

/** A package's references: `guid` keeps the agency guid, `residRef` becomes the ingest id. */
async function resolveRefs(ingest: IngestService, pkg: Doc, storedNow: Doc[]) {
  const groups = Array.isArray(pkg.groups) ? pkg.groups as Doc[] : [];
  for (const group of groups) {
    for (const ref of Array.isArray(group.refs) ? group.refs as Doc[] : []) {
      if (typeof ref.residRef !== "string") continue;
      const guid = ref.residRef;
      const target = storedNow.find((item) => item.guid === guid) ?? await ingest.byGuid(guid);
      ref.guid = guid;
      ref.location = "ingest";
      if (target) {
        ref.residRef = target._id;
        if (target.renditions) ref.renditions ??= target.renditions;
      }
    }
  }
}

/** Associations whose guid is already ingested point at that ingest item. */
async function resolveAssociations(ingest: IngestService, item: Doc) {
  if (!item.associations || typeof item.associations !== "object") return;
  for (const association of Object.values(item.associations as Record<string, Doc | null>)) {
    if (!association || typeof association.guid !== "string") continue;
    association.state ??= "ingested";
    const ingested = await ingest.byGuid(association.guid);
    if (ingested) association._id = ingested._id;
  }
}

/** The guids of an item's associations. */
/** The guids a package's groups refer to. */
function refGuids(item: Doc): unknown[] {
  const groups = Array.isArray(item.groups) ? item.groups as Doc[] : [];
  return groups.flatMap((group) => Array.isArray(group.refs) ? group.refs as Doc[] : [])
    .map((ref) => ref.residRef).filter(Boolean);
}

function associationGuids(item: Doc): unknown[] {
  const associations = item.associations as Record<string, Doc | null> | undefined;
  if (!associations || typeof associations !== "object") return [];
  return Object.values(associations).map((association) => association?.guid).filter(Boolean);
}

/** A canceled item kills the older items of its family (same `uri`). */
async function cancelFamily(ingest: IngestService, item: Doc) {
  for (const relative of await ingest.findAll({ uri: item.uri, _id: { $ne: item._id } })) {
    await ingest.update(String(relative._id), { pubstatus: "canceled", state: "killed" }, {
      actor: SYSTEM_ACTOR,
    });
  }
}

/**
 * The problem to report for an item the store refused (an HttpError below 500: invalid,
 * duplicate, etag race); anything else (an engine down) is rethrown so the batch is retried.
 */
function itemProblem(error: unknown, item: Doc): IngestError {
  const refused = error instanceof HttpError && error.status < 500;
  if (!refused && !(error instanceof IngestError)) throw error;
  const problem = asIngestError(error, 2009);
  const issues = (error as { issues?: unknown }).issues;
  const detail = issues ? ` ${JSON.stringify(issues)}` : "";
  return asIngestError(new Error(`item "${item.guid}": ${problem.detail}${detail}`), problem.code);
}

function dateOf(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string") {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time);
  }
  return undefined;
}
