/**
 * The single business path of a resource, shared by HTTP handlers, task handlers and CLI
 * commands (Superdesk's `BaseService`). It validates, runs the hooks, writes through the
 * document store with etag compare-and-set (a concurrent change is a 412, never a lost update),
 * keeps version copies and announces changes. Subclasses override the `on*` hooks.
 */
import { isDeepStrictEqual } from "node:util";
import {
  asValidatorException,
  BadRequestError,
  BulkValidationError,
  ConflictError,
  EtagMismatchError,
  type Issues,
  NotFoundError,
  PreconditionRequiredError,
  ruleIssue,
  ValidationError,
} from "../errors.ts";
import {
  type Collection,
  type Doc,
  DuplicateKeyError,
  type Filter,
  type JsonDoc,
  type Projection,
} from "../storage/document_store.ts";
import { ETAG_CHANGED, setFieldsIfEtag } from "../storage/set_fields_if_etag.ts";
import { findInIndex } from "../indexing/index_list.ts";
import { type SearchChanges, syncSearch } from "../indexing/search_sync.ts";
import { asAppFailure } from "../app_failure.ts";
import { type Actor, SYSTEM_ACTOR } from "./actor.ts";
import { expandDottedKeys, patchUpdates } from "./dotted.ts";
import { type CursorPage, cursorQuery, encodeCursor } from "./cursor.ts";
import { computeEtag, freshEtag } from "./etag.ts";
import { newGuid, newObjectId } from "./ids.ts";
import type { JsonListResult, ListQuery, ListResult } from "./list_query.ts";
import { assertNoHiddenFields } from "./hidden_field_guard.ts";
import { assertStorable } from "./storable_keys.ts";
import { effectiveProjection } from "./projection.ts";
import type { TSchema } from "@sinclair/typebox";
import { type ResourceDefinition, withFields } from "./resource_definition.ts";
import type { CreateContext, HookName, ResourceHooks } from "./resource_hooks.ts";
import { nextUpdated } from "./next_updated.ts";
import {
  coerceBooleans,
  coerceDates,
  coerceNumbers,
  type DocumentValidator,
  documentValidator,
  withWireDates,
} from "./schema/validate_document.ts";
import type { ServiceContext } from "./service_context.ts";
import { Versions } from "./versions.ts";
import { withLock } from "../tasks/lock.ts";

/** Meta fields the server owns; clients' copies of them are ignored on writes. */
const META_FIELDS = ["_etag", "_updated", "_created", "_links", "_status", "_latest_version"];

/** Options of a write on an existing item. */
export interface WriteOptions {
  /**
   * The client's `If-Match`; required for users, optional for the system. A write given one is
   * a 412 when the item changed after the read; a system write without one reads the item again
   * and runs its before-hooks on that read (`SYSTEM_RETRIES`), then answers 409.
   */
  etag?: string;
  actor?: Actor;
  /**
   * Eve's `late_versioning_catch`, which its PATCH and PUT run (a client's write, not a
   * service's own `update`): an item of a versioned resource stored without a version (a
   * fixture, `CreateOptions.unversioned`) is first recorded as version 1, so the write makes
   * version 2. Without it such an item's next write makes version 1, as Eve's
   * `resolve_document_version` does.
   */
  lateVersioning?: boolean;
}

/** Options of a create. */
export interface CreateOptions {
  /**
   * Eve's `post_internal(skip_validation=True)`, for data that exists already elsewhere
   * (fixtures, imports; never for a request): skips the schema and keeps a given
   * `_current_version`; the hooks still run.
   */
  trusted?: boolean;
  /**
   * Stores the documents without a `_current_version` (unless given) and without a version
   * copy, as a Superdesk service's own `post` does (no Eve versioning): how Superdesk's behave
   * `Given` stores its fixtures. Only with `trusted`.
   */
  unversioned?: boolean;
  /** Passed on to `onCreate` (`CreateContext.copied`): fields copied from a stored document. */
  copied?: ReadonlySet<string>;
}

/** Options of a delete. */
export interface DeleteOptions extends WriteOptions {
  /**
   * Deletes the item only while it matches this filter too, checked on each read (a retry's
   * included): an item another write moved out of it is left, and `delete` answers false.
   */
  where?: Filter;
}

/** How many times a system write without an etag retries after a concurrent change. */
const SYSTEM_RETRIES = 5;

/** The lease of a collection DELETE's lock, renewed while it runs. */
const COLLECTION_DELETE_LOCK_MS = 60_000;

/** A document a collection DELETE read: as stored (`raw`) and as its hooks saw it (`doc`). */
interface ReadForDelete {
  raw: Doc;
  doc: Doc;
}

export class ResourceService {
  #definition: ResourceDefinition;
  protected readonly ctx: ServiceContext;
  readonly versions?: Versions;
  /** The app that registered this service (set by the registry); named when a hook fails. */
  app = "";
  #extraHooks: Array<{ app: string; hooks: ResourceHooks }> = [];

  constructor(definition: ResourceDefinition, ctx: ServiceContext) {
    this.#definition = definition;
    this.ctx = ctx;
    if (definition.versioning) this.versions = new Versions(definition, ctx.documents);
  }

  /** What this service serves. */
  get definition(): ResourceDefinition {
    return this.#definition;
  }

  /**
   * Adds optional fields to the schema (`AppContext.itemField`): while apps register only, before
   * anything is validated, indexed, mapped or routed.
   */
  addFields(fields: Record<string, TSchema>): void {
    this.#definition = withFields(this.#definition, fields);
  }

  protected get collection() {
    return this.ctx.documents.collection(this.definition.datasource.source);
  }

  // Hooks: no-ops by default; they may change the documents or throw an HttpError.
  protected onCreate(_docs: Doc[], _actor: Actor, _context: CreateContext): Promise<void> | void {}
  protected onCreated(_docs: Doc[], _actor: Actor): Promise<void> | void {}
  protected onUpdate(_updates: Doc, _original: Doc, _actor: Actor): Promise<void> | void {}
  protected onUpdated(_updates: Doc, _original: Doc, _actor: Actor): Promise<void> | void {}
  protected onReplace(_doc: Doc, _original: Doc, _actor: Actor): Promise<void> | void {}
  protected onReplaced(_doc: Doc, _original: Doc, _actor: Actor): Promise<void> | void {}
  protected onWriteRefused(_changes: Doc, _original: Doc, _actor: Actor): Promise<void> | void {}
  protected onDelete(_doc: Doc, _actor: Actor): Promise<void> | void {}
  protected onDeleted(_doc: Doc, _actor: Actor): Promise<void> | void {}
  protected onFetched(_docs: Doc[], _actor: Actor): Promise<void> | void {}

  /** Adds `hooks` of `app`, run after this service's own (Superdesk's `on_<op>_res_<name>`). */
  addHooks(app: string, hooks: ResourceHooks): void {
    this.#extraHooks.push({ app, hooks });
  }

  /**
   * Whether hook `name` does anything: the service overrides it or an app added one (reads and
   * the plain create and update skip the call otherwise: they are the hot paths).
   */
  private hasHooks(name: HookName): boolean {
    if (this[name] !== ResourceService.prototype[name]) return true;
    for (const { hooks } of this.#extraHooks) if (hooks[name] !== undefined) return true;
    return false;
  }

  /**
   * Runs hook `name`: the service's own, then the ones apps added, in order. An error that is
   * not an HttpError becomes an AppFailure naming the app whose hook threw.
   */
  private async runHooks<K extends HookName>(
    name: K,
    ...args: Parameters<NonNullable<ResourceHooks[K]>>
  ): Promise<void> {
    try {
      await (this[name] as (...a: unknown[]) => unknown).apply(this, args);
    } catch (error) {
      throw asAppFailure(this.app, `${name} of "${this.definition.name}"`, error);
    }
    for (const { app, hooks } of this.#extraHooks) {
      const hook = hooks[name] as ((...a: unknown[]) => unknown) | undefined;
      if (!hook) continue;
      try {
        await hook.apply(hooks, args);
      } catch (error) {
        throw asAppFailure(app, `${name} of "${this.definition.name}"`, error);
      }
    }
  }

  /**
   * Top-level keys a collection GET adds beside `_items` (Eve's `on_fetched_resource` changing
   * the response, e.g. `client_config`'s `config`); none by default.
   */
  listExtras(_actor: Actor): Promise<Doc> | Doc {
    return {};
  }

  /** Extra filter limiting what `actor` may see (Superdesk's privacy filters); none by default. */
  protected visibilityFilter(_actor: Actor): Filter | undefined {
    return undefined;
  }

  /** The filter every read and write of this resource is combined with. */
  protected scopeFilter(actor: Actor, { showDeleted = false } = {}): Filter[] {
    const parts: Filter[] = [];
    if (this.definition.datasource.filter) parts.push(this.definition.datasource.filter);
    if (this.definition.softDelete && !showDeleted) parts.push({ _deleted: { $ne: true } });
    const visibility = this.visibilityFilter(actor);
    if (visibility) parts.push(visibility);
    return parts;
  }

  /**
   * The scope filter for `actor` as one filter, for searches across resources (`/api/search`).
   * Async so services whose visibility needs a lookup can override it.
   */
  searchFilter(actor: Actor): Promise<Filter> {
    return Promise.resolve(and(this.scopeFilter(actor)));
  }

  /** One page of the collection (from the search index for search-backed resources). */
  async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    // A client must not probe what it may not see (e.g. a password hash by regex).
    if (actor.kind === "user") assertNoHiddenFields(query, this.definition.hiddenFields);
    if (query.cursor) return await this.findPageAfter(query, query.cursor, actor);
    const filter = this.listFilter(query, actor);
    const sort = query.sort ?? this.definition.datasource.defaultSort;
    const projection = this.listProjection(query);
    if (query.searchFilters?.length && !this.definition.searchBacked) {
      throw new Error(`${this.definition.name} is not search-backed: no search filters`);
    }
    if (this.definition.searchBacked) {
      const result = await findInIndex(this.ctx.search, this.definition, {
        filter,
        query,
        sort,
        projection,
      });
      if (this.hasHooks("onFetched")) await this.runHooks("onFetched", result.items, actor);
      return result;
    }
    const skip = (query.page - 1) * query.maxResults;
    const items = await this.collection.find(filter, {
      sort,
      skip,
      limit: query.maxResults,
      projection,
    });
    const total = await this.pageTotal(query, filter, skip, items.length);
    if (this.hasHooks("onFetched")) await this.runHooks("onFetched", items, actor);
    return { items, total };
  }

  /**
   * `find`'s page as the store's JSON texts (`Collection.findJson`), when nothing between the
   * store and the client would change a document: the store offers them, the service keeps
   * `find` and `toPublic` as they are, hides no field, runs no `onFetched` hook, and the resource
   * is neither search-backed nor versioned (lists add `_latest_version`); page mode without a
   * projection. Undefined otherwise: the caller uses `find`.
   */
  async findJson(
    query: ListQuery,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<JsonListResult | undefined> {
    const collection = this.collection;
    if (
      !collection.findJson || query.cursor || !this.rendersStoredDocuments() ||
      this.listProjection(query) !== undefined
    ) return undefined;
    const filter = this.listFilter(query, actor);
    const skip = (query.page - 1) * query.maxResults;
    const items = await collection.findJson(filter, {
      sort: query.sort ?? this.definition.datasource.defaultSort,
      skip,
      limit: query.maxResults,
    });
    return { items, total: await this.pageTotal(query, filter, skip, items.length) };
  }

  /**
   * `getById` as the store's JSON text (`Collection.findOneJson`), under `findJson`'s conditions
   * (and `findOne`/`getById` as they are); undefined when they do not hold. NotFoundError when
   * the item does not exist or `actor` may not see it.
   */
  async getByIdJson(id: string, actor: Actor = SYSTEM_ACTOR): Promise<JsonDoc | undefined> {
    const collection = this.collection;
    if (!collection.findOneJson || !this.rendersStoredDocuments()) return undefined;
    const doc = await collection.findOneJson(and([...this.scopeFilter(actor), { _id: id }]));
    return doc ?? this.notFound(id);
  }

  /** Whether documents reach clients as stored (see `findJson`). */
  private rendersStoredDocuments(): boolean {
    const { definition } = this;
    const base = ResourceService.prototype;
    return !definition.searchBacked && !definition.versioning &&
      definition.hiddenFields.length === 0 && this.plainRead() && this.find === base.find &&
      this.toPublic === base.toPublic;
  }

  /** A page's total: skipped, told by a page that ends the list, else counted. */
  private async pageTotal(
    query: ListQuery,
    filter: Filter,
    skip: number,
    length: number,
  ): Promise<number | undefined> {
    if (query.skipCount) return undefined;
    // A page that ends the list tells the total itself (what a count would answer now).
    const ended = length < query.maxResults && (length > 0 || skip === 0);
    return ended ? skip + length : await this.collection.count(filter);
  }

  /** The scope filter, the client's `where` and an optional extra condition, combined. */
  private listFilter(query: ListQuery, actor: Actor, extra?: Filter): Filter {
    return and([
      ...this.scopeFilter(actor, { showDeleted: query.showDeleted }),
      ...(query.filter ? [query.filter] : []),
      ...(extra ? [extra] : []),
    ]);
  }

  private listProjection(query: ListQuery) {
    return effectiveProjection(this.definition.datasource.projection, query.projection);
  }

  /** One cursor page: an `_id` range read, one extra document telling whether more follow. */
  private async findPageAfter(query: ListQuery, page: CursorPage, actor: Actor) {
    const range = cursorQuery(page);
    const items = await this.collection.find(this.listFilter(query, actor, range.filter), {
      sort: range.sort,
      limit: query.maxResults + 1,
      projection: this.listProjection(query),
    });
    const more = items.length > query.maxResults;
    if (more) items.pop();
    if (this.hasHooks("onFetched")) await this.runHooks("onFetched", items, actor);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(String(last._id)) : undefined };
  }

  /** The first document matching `filter` within this resource's scope, or null. */
  findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    return this.findIn(this.collection, filter, actor, options);
  }

  /** `findOne` through `collection` (this resource's, or a reservation of it). */
  private async findIn(
    collection: Collection,
    filter: Filter,
    actor: Actor,
    { projection }: { projection?: Projection },
  ): Promise<Doc | null> {
    const doc = await collection.findOne(and([...this.scopeFilter(actor), filter]), {
      projection: projection &&
        effectiveProjection(this.definition.datasource.projection, projection),
    });
    if (doc && this.hasHooks("onFetched")) await this.runHooks("onFetched", [doc], actor);
    return doc;
  }

  /**
   * The item with `id` (only the `projection`'s fields when one is given); NotFoundError when it
   * does not exist or `actor` may not see it.
   */
  async getById(
    id: string,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc> {
    return await this.findOne({ _id: id }, actor, options) ?? this.notFound(id);
  }

  /** The NotFoundError of item `id` (missing, or not visible to the reader). */
  private notFound(id: string): never {
    throw new NotFoundError(`${this.definition.name} item "${id}" not found`);
  }

  /**
   * Validates and inserts `inputs` (all or nothing); returns the stored documents (options:
   * `CreateOptions`).
   */
  async create(
    inputs: Doc[],
    actor: Actor = SYSTEM_ACTOR,
    { trusted = false, unversioned = false, copied }: CreateOptions = {},
  ): Promise<Doc[]> {
    if (unversioned && !trusted) throw new Error("create: `unversioned` needs `trusted`");
    const docs = await this.newDocuments(inputs, actor, { trusted, copied }, unversioned);
    await this.insertNew(docs, actor, () => this.collection.insertMany(docs), !unversioned);
    return docs;
  }

  /**
   * `create` for a client's POST answered as the store's JSON texts
   * (`Collection.insertManyJson`: the stored documents not serialised again), under `findJson`'s
   * conditions, with `create` not overridden and no `onCreated` hook (it could change the
   * documents answered);
   * undefined otherwise, nothing done: the caller uses `create`.
   */
  async createJson(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<JsonDoc[] | undefined> {
    const collection = this.collection;
    if (
      !collection.insertManyJson || this.create !== ResourceService.prototype.create ||
      !this.rendersStoredDocuments() || this.hasHooks("onCreated")
    ) return undefined;
    const docs = await this.newDocuments(inputs, actor, { trusted: false }, false);
    let stored: JsonDoc[] = [];
    await this.insertNew(docs, actor, async () => {
      stored = await collection.insertManyJson!(docs);
    });
    return stored;
  }

  /**
   * Eve's answer when any of `docs` fails the schema as a new document: its issues (one) or the
   * bulk's list. For services whose `create` acts instead of storing.
   */
  protected assertCreatable(docs: Doc[], actor: Actor): void {
    const problems = docs.map((doc) => this.issuesFor(doc, actor, { partial: false }));
    if (!problems.some((issues) => issues)) return;
    if (docs.length === 1) throw new ValidationError(problems[0]!, failureMessage(1));
    throw new BulkValidationError(
      problems.map((issues) => (issues ? { _status: "ERR", _issues: issues } : { _status: "OK" })),
    );
  }

  /** `create`'s documents: checked, validated (unless `trusted`), stamped, hooked, etagged. */
  private async newDocuments(
    inputs: Doc[],
    actor: Actor,
    { trusted, copied }: CreateContext,
    unversioned: boolean,
  ): Promise<Doc[]> {
    if (inputs.length === 0) throw new BadRequestError("Empty bulk insert");
    for (const input of inputs) assertStorable(input);
    const docs = inputs.map((input) => this.coerced(this.stripMeta(expandDottedKeys(input))));
    if (!trusted) this.assertCreatable(docs, actor);
    const now = new Date();
    for (const doc of docs) {
      coerceDates(doc, documentValidator(this.definition.schema).datePaths);
      doc._id ??= this.definition.idStyle === "guid" ? newGuid() : newObjectId(now.getTime());
      doc._created = now;
      doc._updated = now;
      const keep = trusted && (unversioned || Number.isInteger(doc._current_version));
      if (this.definition.versioning && !keep) doc._current_version = 1;
      if (this.definition.softDelete) doc._deleted = false;
    }
    if (this.hasHooks("onCreate")) {
      await this.runHooks("onCreate", docs, actor, { trusted, copied });
    }
    for (const doc of docs) doc._etag = this.etagOf(doc);
    return docs;
  }

  /**
   * Inserts `docs` by `insert`, then version copies (when `versioned`), index, `onCreated`
   * hooks and announcements.
   */
  private async insertNew(
    docs: Doc[],
    actor: Actor,
    insert: () => Promise<void>,
    versioned = true,
  ) {
    try {
      await insert();
    } catch (error) {
      throw await this.duplicateError(error, docs);
    }
    if (this.versions && versioned) await this.versions.record(docs);
    // Each step awaited only when it has work (an await of a no-op is a few microtasks).
    if (this.definition.searchBacked) await this.indexChanges({ index: docs });
    if (this.hasHooks("onCreated")) await this.runHooks("onCreated", docs, actor);
    if (this.definition.notifications) {
      for (const doc of docs) await this.announce("created", doc, Object.keys(doc));
    }
  }

  /**
   * Applies a partial update (PATCH): top-level fields replace the stored ones, nested objects
   * included; a dotted key sets one leaf. When no code of a subclass or app runs before the
   * write (no `onUpdate` or `onFetched` hook, the plain `findOne`/`getById`) and the store offers
   * `Collection.modify`, the read, checks and write are one store transaction (the
   * embedded store's: no separate read, no guard to re-check). Otherwise, without an `onUpdate`
   * hook, they run with the document reserved (`Collection.reserve`), so the guarded write can
   * reuse this read instead of reading the document again (FerretDB's, under the document's
   * claim).
   */
  async update(
    id: string,
    input: Doc,
    { etag, actor = SYSTEM_ACTOR, lateVersioning = false }: WriteOptions = {},
  ) {
    assertStorable(input);
    const plain = this.plainRead() && !this.hasHooks("onUpdate");
    const late = lateVersioning && this.definition.versioning;
    const { stored, updates, original } = plain && this.collection.modify
      ? await this.modifyOnce(id, input, etag, actor, late)
      : await this.patchUntilWritten(plain, id, input, etag, actor, late);
    await this.recordCaughtUp(original);
    if (this.versions) await this.versions.record([stored]);
    if (this.definition.searchBacked) await this.indexChanges({ index: [stored] });
    if (this.hasHooks("onUpdated")) await this.runHooks("onUpdated", updates, original, actor);
    if (this.definition.notifications) await this.announce("updated", stored, Object.keys(updates));
    return stored;
  }

  /**
   * `patchOnce` until its guarded write lands (a system write retries a missed one; a client's
   * `If-Match` that missed is a 412), with the document reserved when `reserve`.
   */
  private async patchUntilWritten(
    reserve: boolean,
    id: string,
    input: Doc,
    etag: string | undefined,
    actor: Actor,
    late: boolean,
  ) {
    for (let attempt = 0;; attempt++) {
      const patched = reserve
        ? await this.collection.reserve(
          id,
          (reserved) => this.patchOnce(reserved, id, input, etag, actor, late),
        )
        : await this.patchOnce(undefined, id, input, etag, actor, late);
      if (patched) return patched;
      this.assertRetry(id, etag, attempt);
    }
  }

  /**
   * `update` for a client's PATCH answered as the store's JSON text (`Collection.setFieldsJson`:
   * the changed fields set in the stored text, the document never decoded), when nothing but
   * this class would see the document (`findJson`'s conditions, `update` not overridden, no
   * `onUpdate`/`onUpdated` hook)
   * and the request needs nothing of it beyond its etag: an `If-Match`, no `_id` and no dotted
   * key, no read-only field of a user's, and changed fields valid on their own
   * (`fieldsValid`). Undefined otherwise, nothing done: the caller uses `update`, which also
   * answers the refusals (412 aside) as ever.
   */
  async updateJson(
    id: string,
    input: Doc,
    { etag, actor = SYSTEM_ACTOR }: WriteOptions = {},
  ): Promise<JsonDoc | undefined> {
    const collection = this.collection;
    if (
      !collection.setFieldsJson || etag === undefined ||
      this.update !== ResourceService.prototype.update || !this.rendersStoredDocuments() ||
      this.hasHooks("onUpdate") || this.hasHooks("onUpdated")
    ) return undefined;
    assertStorable(input);
    const updates = this.fieldUpdates(input, actor);
    if (!updates) return undefined;
    const filter = and([...this.scopeFilter(actor), { _id: id }]);
    const written = await this.guardedWrite(
      () =>
        setFieldsIfEtag(collection, filter, {
          etag,
          change: (head) => {
            const updated = head.updated === undefined ? undefined : new Date(head.updated);
            return { ...updates, ...nextMeta(updated) };
          },
        }),
      () => ({ _id: id, ...updates }),
    );
    if (written === ETAG_CHANGED) throw new EtagMismatchError();
    const stored = written ?? this.notFound(id);
    if (this.definition.notifications) {
      await this.announce("updated", { _id: id }, Object.keys(updates));
    }
    return stored;
  }

  /**
   * A PATCH body's changes when they can be checked without the stored document (see
   * `updateJson`), coerced and checked; undefined when they cannot, or are refused (the general
   * path then says why).
   */
  private fieldUpdates(input: Doc, actor: Actor): Doc | undefined {
    for (const key of Object.keys(input)) if (key === "_id" || key.includes(".")) return undefined;
    const updates = this.coerced(this.stripMeta(patchUpdates({}, input)));
    if (actor.kind === "user") {
      for (const field of this.definition.readOnlyFields) {
        if (Object.hasOwn(updates, field)) return undefined;
      }
    }
    const validator = documentValidator(this.definition.schema);
    if (validator.fieldsValid(updates) !== true) return undefined;
    coerceDates(updates, validator.datePaths);
    return updates;
  }

  /** Whether reading an item runs only this class's code (no override, no `onFetched` hook). */
  private plainRead(): boolean {
    return this.findOne === ResourceService.prototype.findOne &&
      this.getById === ResourceService.prototype.getById && !this.hasHooks("onFetched");
  }

  /**
   * One read-validate-write of a PATCH as one `Collection.modify`: the checks, validation and
   * merge run on the document as the write transaction reads it, and the merged document is
   * written (no guard to re-check). `updates` holds the meta fields as written.
   */
  private async modifyOnce(
    id: string,
    input: Doc,
    etag: string | undefined,
    actor: Actor,
    late: boolean,
  ) {
    let patched: { merged: Doc; updates: Doc; original: Doc } | undefined;
    const filter = and([...this.scopeFilter(actor), { _id: id }]);
    const stored = await this.guardedWrite(
      () =>
        this.collection.modify!(filter, (read) => {
          const original = late ? caughtUp(read) : read;
          const updates = this.checkedUpdates(original, id, input, etag, actor);
          patched = { merged: this.merge(original, updates), updates, original };
          return patched.merged;
        }),
      () => patched?.merged ?? {},
    ) ?? this.notFound(id);
    const { updates, original } = patched!;
    updates._updated = stored._updated;
    updates._etag = stored._etag;
    if (this.definition.versioning) updates._current_version = stored._current_version;
    return { stored, updates, original };
  }

  /**
   * One read-validate-write of a PATCH, through `reserved` when given; undefined when the
   * document changed after the read (the guarded write missed). `updates` holds the meta fields
   * the write set along with the changes, as Eve's after-hooks see them.
   */
  private async patchOnce(
    reserved: Collection | undefined,
    id: string,
    input: Doc,
    etag: string | undefined,
    actor: Actor,
    late: boolean,
  ): Promise<{ stored: Doc; updates: Doc; original: Doc } | undefined> {
    // Reserved only when `getById` is the plain one: the same read, through the reservation.
    const read = reserved
      ? await this.findIn(reserved, { _id: id }, actor, {}) ?? this.notFound(id)
      : await this.getById(id, actor);
    const original = late ? caughtUp(read) : read;
    const collection = reserved ?? this.collection;
    const updates = this.checkedUpdates(original, id, input, etag, actor);
    let set: Doc = {};
    const stored = await this.writeOrUndo(updates, original, actor, async () => {
      if (this.hasHooks("onUpdate")) {
        await this.runWriteHook(actor, () => this.runHooks("onUpdate", updates, original, actor));
      }
      const merged = this.merge(original, updates);
      set = { _updated: merged._updated, _etag: merged._etag };
      for (const key of Object.keys(updates)) set[key] = merged[key];
      if (this.definition.versioning) set._current_version = merged._current_version;
      return await this.guardedWrite(
        () => collection.updateOne({ _id: id, _etag: original._etag }, { $set: set }),
        () => merged,
      );
    });
    if (!stored) return undefined;
    for (const field of ["_updated", "_etag", "_current_version"]) {
      if (field in set) updates[field] = set[field];
    }
    return { stored, updates, original };
  }

  /**
   * A PATCH's changes to `original`, checked: the etag (428/412), `_id` unchanged, the schema
   * and read-only fields (400); dates coerced.
   */
  private checkedUpdates(
    original: Doc,
    id: string,
    input: Doc,
    etag: string | undefined,
    actor: Actor,
  ): Doc {
    this.checkEtag(original, etag, actor);
    const updates = this.coerced(this.stripMeta(patchUpdates(original, input)));
    if ("_id" in updates && updates._id !== id) {
      throw new BadRequestError(`Attempt to update an immutable field: "_id" of "${id}"`);
    }
    delete updates._id;
    // A dotted key's object holds the stored values beside the sent one, stored dates among them.
    const datePaths = documentValidator(this.definition.schema).datePaths;
    const dotted = Object.keys(input).some((key) => key.includes("."));
    const checked = dotted ? withWireDates(updates, datePaths) : updates;
    const issues = this.issuesFor({ ...original, ...checked }, actor, {
      partial: true,
      touched: Object.keys(updates),
      original,
      sent: updates,
    });
    if (issues) throw new ValidationError(issues, failureMessage(1));
    coerceDates(updates, datePaths);
    return updates;
  }

  /** Records the version 1 copy of an item `caughtUp` gave one to (Eve's shadow copy). */
  private async recordCaughtUp(original: Doc): Promise<void> {
    const copy = caughtUpCopies.get(original);
    if (this.versions && copy) await this.versions.record([copy]);
  }

  /** `original` with `updates`, a new `_updated`, version and etag (`nextMeta`). */
  private merge(original: Doc, updates: Doc): Doc {
    const merged: Doc = { ...original, ...updates, ...nextMeta(original._updated) };
    if (this.definition.versioning) {
      merged._current_version = Number(original._current_version ?? 0) + 1;
    }
    return merged;
  }

  /**
   * Replaces the item (PUT); creates it when missing. A system write without an etag whose
   * guarded write misses starts again from a new read (`WriteOptions.etag`).
   */
  async replace(
    id: string,
    input: Doc,
    { etag, actor = SYSTEM_ACTOR, lateVersioning = false }: WriteOptions = {},
  ): Promise<{ doc: Doc; created: boolean }> {
    assertStorable(input);
    const late = lateVersioning && this.definition.versioning;
    // A retry starts from the input as given: the hooks of a missed attempt may have changed it.
    const pristine = etag === undefined && actor.kind !== "user" ? structuredClone(input) : input;
    for (let attempt = 0;; attempt++) {
      const body = attempt === 0 ? input : structuredClone(pristine);
      const replaced = await this.replaceOnce(id, body, etag, actor, late);
      if (replaced) return replaced;
      this.assertRetry(id, etag, attempt);
    }
  }

  /**
   * One read-validate-write of a PUT of `input`; undefined when the guarded write missed (the
   * item changed after the read; `onWriteRefused` has undone the `onReplace` hooks' work).
   */
  private async replaceOnce(
    id: string,
    input: Doc,
    etag: string | undefined,
    actor: Actor,
    late: boolean,
  ): Promise<{ doc: Doc; created: boolean } | undefined> {
    const doc = this.coerced(this.stripMeta(expandDottedKeys(input)));
    if ("_id" in doc && doc._id !== id) {
      throw new BadRequestError(`Attempt to update an immutable field: "_id" of "${id}"`);
    }
    const read = await this.findOne({ _id: id }, actor);
    const original = read && late ? caughtUp(read) : read;
    if (!original) {
      const [created] = await this.create([{ ...doc, _id: id }], actor);
      return { doc: created!, created: true };
    }
    this.checkEtag(original, etag, actor);
    const issues = this.issuesFor(doc, actor, { partial: false, original });
    if (issues) throw new ValidationError(issues, failureMessage(1));
    coerceDates(doc, documentValidator(this.definition.schema).datePaths);
    doc._id = id;
    doc._created = original._created;
    doc._updated = nextUpdated(original._updated);
    if (this.definition.versioning) {
      doc._current_version = Number(original._current_version ?? 0) + 1;
    }
    if (this.definition.softDelete) doc._deleted = false;
    const replaced = await this.writeOrUndo(doc, original, actor, async () => {
      await this.runWriteHook(actor, () => this.runHooks("onReplace", doc, original, actor));
      doc._etag = this.etagOf(doc);
      return await this.guardedWrite(
        () => this.collection.replaceOne({ _id: id, _etag: original._etag }, doc),
        () => doc,
      );
    });
    if (!replaced) return undefined;
    await this.recordCaughtUp(original);
    if (this.versions) await this.versions.record([doc]);
    await this.indexChanges({ index: [doc] });
    await this.runHooks("onReplaced", doc, original, actor);
    await this.announce("updated", doc, Object.keys(doc));
    return { doc, created: false };
  }

  /**
   * Deletes the item; a missing item is not an error (Eve answers 204). True when this call
   * deleted it (false: it was not there, e.g. deleted meanwhile by another, or it no longer
   * matches `where`). A system delete without an etag whose guarded delete misses reads the item
   * again and runs the `onDelete` hooks on that read (`WriteOptions.etag`).
   */
  async delete(
    id: string,
    { etag, actor = SYSTEM_ACTOR, where }: DeleteOptions = {},
  ): Promise<boolean> {
    const filter = where ? and([{ _id: id }, where]) : { _id: id };
    const original = await this.findOne(filter, actor);
    if (original) this.checkEtag(original, etag, actor);
    return await this.deleteRetrying(original, filter, { etag, actor });
  }

  /**
   * A collection DELETE (Eve's `delete` on a resource): every item in the actor's scope (and in
   * `collectionDeleteScope`), no `If-Match` asked (Eve asks none), all or none of them. The
   * `onDelete` hooks of every item run before anything is deleted; each document is then removed
   * guarded by the etag its hooks saw. One another write changed meanwhile is read again, its
   * hooks run again, and it is removed as it then is; should a hook refuse it then, or should it
   * keep changing (a 409), or should the store fail, the documents this call removed are put
   * back as they were (`restoreDocuments`; what cannot be is logged) and nothing else has
   * happened: their versions, index entries, `onDeleted` hooks and `resource:deleted` events
   * follow only once every document is removed. Items
   * created after the read are not deleted (the delete is ordered before them). One collection
   * DELETE of a resource runs at a time across processes (`ctx.locks`): another one meanwhile is
   * a 409, as a put-back would otherwise undo its 204. How many this call deleted.
   */
  async deleteCollection(actor: Actor = SYSTEM_ACTOR): Promise<number> {
    const name = this.definition.name;
    const outcome = await withLock(
      this.ctx.locks,
      `collection-delete:${name}`,
      COLLECTION_DELETE_LOCK_MS,
      () => this.deleteAll(actor),
    );
    if (!outcome.acquired) {
      throw new ConflictError(`Another delete of every ${name} item is under way; retry`);
    }
    return outcome.value;
  }

  /** `deleteCollection` once its lock is held. */
  private async deleteAll(actor: Actor): Promise<number> {
    const narrower = this.collectionDeleteScope(actor);
    const scope = [...this.scopeFilter(actor), ...(narrower ? [narrower] : [])];
    let pending = await this.readForDelete(and(scope), actor);
    const removed: Array<ReadForDelete & { stored: Doc }> = [];
    try {
      for (let attempt = 0; pending.length > 0; attempt++) {
        const missed: string[] = [];
        for (const read of pending) {
          const stored = await this.removeDocument(read.doc);
          if (stored) removed.push({ ...read, stored });
          else missed.push(String(read.doc._id));
        }
        if (missed.length === 0) break;
        this.assertRetry(missed[0]!, undefined, attempt);
        pending = await this.readForDelete(and([...scope, { _id: { $in: missed } }]), actor);
      }
    } catch (error) {
      const lost = await this.restoreDocuments(removed);
      if (lost.length > 0) {
        this.ctx.log.error("collection delete could not put documents back", {
          resource: this.definition.name,
          lost,
        });
      }
      throw error;
    }
    for (const { doc, stored } of removed) {
      await this.removeTraces(String(doc._id), stored);
      await this.runHooks("onDeleted", doc, actor);
      await this.announce("deleted", doc, []);
    }
    return removed.length;
  }

  /**
   * What a collection DELETE by `actor` covers beyond the actor's scope: what their list naming
   * nothing shows, when a service shows less there than the scope (item comments: a user's own).
   * None by default.
   */
  protected collectionDeleteScope(_actor: Actor): Filter | undefined {
    return undefined;
  }

  /** The documents matching `filter`, their `onDelete` hooks run (one refusing throws). */
  private async readForDelete(filter: Filter, actor: Actor): Promise<ReadForDelete[]> {
    const docs = await this.collection.find(filter);
    // Kept as stored for a put-back: `onFetched` and `onDelete` hooks may change what they get.
    const hooked = this.hasHooks("onFetched") || this.hasHooks("onDelete");
    const raws = hooked ? docs.map((doc) => structuredClone(doc)) : docs;
    if (this.hasHooks("onFetched")) await this.runHooks("onFetched", docs, actor);
    for (const doc of docs) await this.runHooks("onDelete", doc, actor);
    return docs.map((doc, index) => ({ raw: raws[index]!, doc }));
  }

  /**
   * Deletes `original` (read by `filter`; its `onDelete` hooks not run yet); when the guarded
   * delete misses, a 412 for a delete given an etag, else `filter` is read again and its hooks
   * run on that read (`assertRetry`). True when this call deleted it.
   */
  private async deleteRetrying(
    original: Doc | null,
    filter: Filter,
    { etag, actor }: { etag?: string; actor: Actor },
  ): Promise<boolean> {
    for (let attempt = 0; original; attempt++) {
      await this.runHooks("onDelete", original, actor);
      const stored = await this.removeDocument(original);
      if (stored) {
        await this.removeTraces(String(original._id), stored);
        await this.runHooks("onDeleted", original, actor);
        await this.announce("deleted", original, []);
        return true;
      }
      this.assertRetry(String(original._id), etag, attempt);
      original = await this.findOne(filter, actor);
    }
    return false;
  }

  /**
   * Removes the stored document `original` (marks it deleted, for a soft-deleting resource)
   * when its etag is still the one read: what is stored now (`original` when removed), or null
   * when it changed since read.
   */
  private async removeDocument(original: Doc): Promise<Doc | null> {
    const guard = { _id: String(original._id), _etag: original._etag };
    if (this.definition.softDelete) {
      const deleted = { ...original, _deleted: true, _updated: nextUpdated(original._updated) };
      return await this.collection.updateOne(guard, {
        $set: { _deleted: true, _updated: deleted._updated, _etag: this.etagOf(deleted) },
      });
    }
    return (await this.collection.deleteOne(guard)) ? original : null;
  }

  /** After `removeDocument` of `id` left `stored`: its versions and its index entry. */
  private async removeTraces(id: string, stored: Doc): Promise<void> {
    if (this.definition.softDelete) return await this.indexChanges({ index: [stored] });
    if (this.versions) await this.versions.removeAll(id);
    await this.indexChanges({ remove: [id] });
  }

  /**
   * Puts back what `removeDocument` removed: each `raw` as it was stored before, one at a time, so
   * that one a new document took the id or unique key of meanwhile (the new one stays) does not
   * keep the others from it. Once the store fails, the rest is not tried (each write would wait
   * for the engine). Those not put back, each with why.
   */
  private async restoreDocuments(
    removed: ReadonlyArray<ReadForDelete & { stored: Doc }>,
  ): Promise<Array<{ id: string; error: string }>> {
    const lost: Array<{ id: string; error: string }> = [];
    let failure: unknown;
    for (const { raw, stored } of removed) {
      const id = String(raw._id);
      if (failure !== undefined) {
        lost.push({ id, error: String(failure) });
        continue;
      }
      try {
        if (!this.definition.softDelete) await this.collection.insertMany([raw]);
        else if (!(await this.collection.replaceOne({ _id: raw._id, _etag: stored._etag }, raw))) {
          lost.push({ id, error: "changed after it was marked deleted" });
        }
      } catch (error) {
        lost.push({ id, error: String(error) });
        if (!(error instanceof DuplicateKeyError)) failure = error;
      }
    }
    return lost;
  }

  /**
   * Removes every document in scope matching `filter` (sessions, expiry; a user's collection
   * DELETE is `deleteCollection`); how many.
   */
  async deleteMany(filter: Filter, actor: Actor = SYSTEM_ACTOR): Promise<number> {
    const docs = await this.collection.find(and([...this.scopeFilter(actor), filter]));
    let deleted = 0;
    for (const doc of docs) {
      if (await this.delete(String(doc._id), { actor, where: filter })) deleted++;
    }
    return deleted;
  }

  /**
   * After a guarded write of item `id` missed, on its `attempt` (from 0): a 412 for a write
   * given an etag, a 409 once a system write has retried `SYSTEM_RETRIES` times; else the
   * caller reads the item again and retries.
   */
  protected assertRetry(id: string, etag: string | undefined, attempt: number): void {
    if (etag !== undefined) throw new EtagMismatchError();
    if (attempt >= SYSTEM_RETRIES) {
      throw new ConflictError(
        `${this.definition.name} item "${id}" kept changing during the write ` +
          `(${SYSTEM_RETRIES + 1} attempts); try again`,
      );
    }
  }

  /** Stored fields `toPublic` reads, kept in every projected search answer besides `_id`. */
  publicSourceFields(): readonly string[] {
    return [];
  }

  /** `doc` without the fields clients must never see. */
  toPublic(doc: Doc): Doc {
    if (this.definition.hiddenFields.length === 0) return doc;
    const copy = { ...doc };
    for (const field of this.definition.hiddenFields) delete copy[field];
    return copy;
  }

  /**
   * Copies changes the store accepted into the search index (search-backed resources only).
   * Never throws: failures are recorded for retry. Subclasses that write the store directly
   * call it too.
   */
  protected async indexChanges(changes: SearchChanges): Promise<void> {
    if (this.definition.searchBacked) await syncSearch(this.ctx, this.definition, changes);
  }

  /**
   * `write` (a before-hook and the guarded write of `changes`); when it stores nothing (a hook
   * refused, the document changed meanwhile, the write failed) `onWriteRefused` undoes what the
   * before-hooks made outside the document. The write's own error is the one answered.
   */
  private async writeOrUndo<T>(
    changes: Doc,
    original: Doc,
    actor: Actor,
    write: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    let written: T | undefined;
    try {
      written = await write();
    } catch (error) {
      if (this.hasHooks("onWriteRefused")) {
        await this.runHooks("onWriteRefused", changes, original, actor).catch(() => undefined);
      }
      throw error;
    }
    // Nothing stored: a guarded update's null, a guarded replace's false.
    if (!written) {
      if (this.hasHooks("onWriteRefused")) {
        await this.runHooks("onWriteRefused", changes, original, actor);
      }
    }
    return written;
  }

  /**
   * Runs a PATCH or PUT hook; for a user's request, what it refuses is answered as Eve answers
   * an exception raised while validating (`asValidatorException`).
   */
  private async runWriteHook(actor: Actor, hook: () => Promise<void> | void): Promise<void> {
    try {
      await hook();
    } catch (error) {
      throw actor.kind === "user" ? asValidatorException(error) : error;
    }
  }

  /** Etag of `doc`, honouring the resource's ignored fields. */
  protected etagOf(doc: Doc): string {
    return computeEtag(doc, this.definition.etagIgnoreFields);
  }

  /** 428 when a user sends no etag; 412 when it is not the stored one. */
  protected checkEtag(original: Doc, etag: string | undefined, actor: Actor) {
    if (etag === undefined) {
      if (actor.kind === "user") throw new PreconditionRequiredError();
      return;
    }
    if (etag !== original._etag) throw new EtagMismatchError();
  }

  /**
   * `doc` with numeric strings in number fields made numbers and `"true"`/`"0"`-like values in
   * boolean fields made booleans (Eve's serializers).
   */
  private coerced(doc: Doc): Doc {
    const validator = documentValidator(this.definition.schema);
    coerceNumbers(doc, validator.numberPaths);
    coerceBooleans(doc, validator.booleanPaths);
    return doc;
  }

  private stripMeta(doc: Doc): Doc {
    // Deleting only what is there: about half the time of deleting all six (usually absent).
    for (const field of META_FIELDS) if (Object.hasOwn(doc, field)) delete doc[field];
    return doc;
  }

  /**
   * Schema issues, plus read-only violations for users; null when valid. As Eve, a read-only
   * field may be sent with the value it has (`original`'s, or null on a create): `sent`'s when
   * `doc` is a copy made for the schema check.
   */
  private issuesFor(
    doc: Doc,
    actor: Actor,
    { partial, touched, original, sent = doc }: {
      partial: boolean;
      touched?: string[];
      original?: Doc;
      sent?: Doc;
    },
  ): Issues | null {
    const { _id, _created, _updated, _etag, _current_version, _deleted, ...fields } = doc;
    const validator = documentValidator(this.definition.schema);
    // A partial check reports the touched fields' issues only: when each of them is valid on its
    // own, the whole document's check (and, when a stored field fails it, the walk collecting
    // every issue: a stored date is a `Date` where the wire schema says string) is skipped.
    const issues: Issues = partial && touched && touchedFieldsValid(validator, fields, touched)
      ? {}
      : { ...validator.issues(fields) };
    if (partial && touched) {
      for (const key of Object.keys(issues)) if (!touched.includes(key)) delete issues[key];
    }
    if (actor.kind === "user") {
      for (const field of this.definition.readOnlyFields) {
        if (!(touched ?? Object.keys(doc)).includes(field)) continue;
        if (!sameStoredValue(sent[field], original?.[field])) issues[field] = "field is read-only";
      }
    }
    return Object.keys(issues).length > 0 ? issues : null;
  }

  /** `write`, a duplicate key it meets answered as `duplicateError` answers it for `doc()`. */
  private async guardedWrite<T>(write: () => Promise<T>, doc: () => Doc): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw await this.duplicateError(error, [doc()]);
    }
  }

  /**
   * Duplicate `_id` → 409. A duplicate unique value → 400 `{field: {unique: 1}}` naming every
   * unique field that collides (Superdesk's validator checks each); for a bulk insert, Eve's
   * `_items` with the issues of each document. Looked up only after the store refused the write,
   * so the common path pays nothing.
   */
  private async duplicateError(error: unknown, docs: Doc[]): Promise<unknown> {
    if (!(error instanceof DuplicateKeyError)) return error;
    if (error.field === "_id") {
      return new ConflictError(
        `Duplicate key: an item with _id ${JSON.stringify(error.value)} exists`,
      );
    }
    const problems: Array<Issues | null> = [];
    for (const [index, doc] of docs.entries()) {
      const issues: Issues = {};
      for (const field of this.definition.uniqueFields) {
        const value = doc[field];
        if (value === undefined || value === null) continue;
        const clash = await this.collection.findOne({ [field]: value, _id: { $ne: doc._id } });
        const twin = docs.some((other, at) => at < index && other[field] === value);
        if (clash || twin) issues[field] = ruleIssue("unique");
      }
      problems.push(Object.keys(issues).length > 0 ? issues : null);
    }
    if (!problems.some((issues) => issues !== null)) {
      problems[0] = { [error.field]: ruleIssue("unique") };
    }
    if (docs.length === 1) return new ValidationError(problems[0]!);
    return new BulkValidationError(
      problems.map((issues) => (issues ? { _status: "ERR", _issues: issues } : { _status: "OK" })),
    );
  }

  private async announce(action: string, doc: Doc, fields: string[]) {
    if (!this.definition.notifications) return;
    await this.ctx.notify(`resource:${action}`, {
      resource: this.definition.name,
      _id: doc._id,
      fields: Object.fromEntries(fields.filter((f) => !f.startsWith("_")).map((f) => [f, 1])),
    });
  }
}

/** `{$and: parts}`, or the single part, or `{}`. */
export function and(parts: Filter[]): Filter {
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0]!;
  return { $and: parts };
}

/**
 * The `_updated` and `_etag` of a write to a document last updated at `updated`: a fresh etag
 * (`freshEtag`), not one derived from the content, so a PATCH of a large item hashes nothing.
 */
function nextMeta(updated: unknown): { _updated: Date; _etag: string } {
  return { _updated: nextUpdated(updated), _etag: freshEtag() };
}

/** Equality of a sent value with a stored one (absent counts as null; dates by instant). */
function sameStoredValue(sent: unknown, stored: unknown): boolean {
  if (stored instanceof Date) {
    return typeof sent === "string" && Date.parse(sent) === stored.getTime();
  }
  return isDeepStrictEqual(sent ?? null, stored ?? null);
}

function failureMessage(count: number): string {
  return `Insertion failure: ${count} document(s) contain(s) error(s)`;
}

/**
 * Whether every touched field is present in `fields` and valid on its own value, so that a check
 * of the whole document reports no issue under a touched key; false when that cannot be told
 * field by field (a rule spanning fields, a removed field that may be required).
 */
function touchedFieldsValid(
  validator: DocumentValidator,
  fields: Doc,
  touched: readonly string[],
): boolean {
  const picked: Doc = {};
  for (const key of touched) {
    if (!Object.hasOwn(fields, key)) return false;
    picked[key] = fields[key];
  }
  return validator.fieldsValid(picked) === true;
}

/** The version 1 copies `caughtUp` made, by the document it gave the write as its original. */
const caughtUpCopies = new WeakMap<Doc, Doc>();

/**
 * Eve's `late_versioning_catch`: `read` as version 1 when it has no version (a copy, whose
 * version copy, as read, `recordCaughtUp` records once the write is done), otherwise `read`.
 */
function caughtUp(read: Doc): Doc {
  if (Number.isInteger(read._current_version)) return read;
  const original = { ...read, _current_version: 1 };
  caughtUpCopies.set(original, structuredClone(original));
  return original;
}
