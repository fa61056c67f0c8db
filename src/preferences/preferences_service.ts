/**
 * Preferences per session (Superdesk's `PreferencesService`). A session's document is composed
 * on read (`preferences_view.ts`) from the registries and the user's stored values; a user may
 * read and change only their own sessions' (403 otherwise; 404 for a session that does not
 * exist, e.g. after logout). A PATCH names registered preferences only (400 "Invalid
 * preference: x"), merges `user_preferences` into the stored values at every level (Eve's
 * nested merge, Superdesk's `merge_nested_documents`) and `session_preferences` into the
 * session's, with If-Match against the stored document's etag: 428 without, 412 when another
 * write came first, never a lost update. A session's values are dropped when it ends.
 */
import type { AppRegistries } from "../apps/app.ts";
import {
  EtagMismatchError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { computeEtag } from "../resources/etag.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import { assertStorable } from "../resources/storable_keys.ts";
import { documentValidator } from "../resources/schema/validate_document.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { type Doc, DuplicateKeyError } from "../storage/document_store.ts";
import { activePrivileges } from "./active_privileges.ts";
import { preferencesResource } from "./preferences_resource.ts";
import { mergeNested, preferencesView } from "./preferences_view.ts";

type Prefs = Record<string, unknown>;

export class PreferencesService extends ResourceService {
  #registries: AppRegistries;

  constructor(ctx: ServiceContext, registries: AppRegistries) {
    super(preferencesResource, ctx);
    this.#registries = registries;
  }

  /** The preferences document of session `id`. */
  override async getById(id: string, actor: Actor = SYSTEM_ACTOR): Promise<Doc> {
    const { session, user } = await this.owner(id, actor);
    return await this.view(session, user, await this.stored(String(user._id)));
  }

  override findOne(): Promise<Doc | null> {
    return Promise.resolve(null);
  }

  /** PATCH of session `id`'s preferences. */
  override async update(
    id: string,
    input: Doc,
    { etag, actor = SYSTEM_ACTOR }: WriteOptions = {},
  ): Promise<Doc> {
    const { session, user } = await this.owner(id, actor);
    assertStorable(input);
    const changes = this.validated(input);
    const userId = String(user._id);
    for (let attempt = 0;; attempt++) {
      const stored = await this.stored(userId);
      if (etag === undefined && actor.kind === "user") throw new PreconditionRequiredError();
      if (etag !== undefined && etag !== stored._etag) throw new EtagMismatchError();
      const next = this.applied(stored, String(session._id), changes);
      next._updated = nextUpdated(stored._updated);
      next._etag = computeEtag({ ...stored, ...next });
      const written = await this.collection.updateOne({ _id: userId, _etag: stored._etag }, {
        $set: next,
      });
      if (written) return await this.view(session, user, written);
      this.assertRetry(userId, etag, attempt);
    }
  }

  /** Drops what session `sessionId` of `userId` stored (its end: logout, expiry). */
  async forgetSession(userId: string, sessionId: string): Promise<void> {
    await this.collection.updateOne({ _id: userId }, {
      $unset: [`session_preferences.${sessionId}`],
    });
  }

  /** Removes a deleted user's preferences. */
  async forgetUser(userId: string): Promise<void> {
    await this.collection.deleteOne({ _id: userId });
  }

  /** The session and its user; 404 when the session is gone, 403 when it is someone else's. */
  private async owner(id: string, actor: Actor): Promise<{ session: Doc; user: Doc }> {
    const session = await this.ctx.registry.service("sessions").findOne({ _id: id });
    if (!session) throw new NotFoundError(`preferences item "${id}" not found`);
    if (actor.kind === "user" && session.user !== actor.userId) {
      throw new ForbiddenError("Cannot use another user's preferences");
    }
    const user = await this.ctx.registry.service("users").findOne({ _id: String(session.user) });
    if (!user) throw new NotFoundError(`preferences item "${id}" not found`);
    return { session, user };
  }

  /**
   * `user`'s preferences as the server acts on them: those on the user document (where
   * Superdesk keeps them, and `/users` still accepts them) overlaid by those this app stored,
   * where the client sets them.
   */
  async userPreferences(user: Doc): Promise<Record<string, unknown>> {
    const stored = await this.collection.findOne({ _id: String(user._id) });
    return { ...asObject(user.user_preferences), ...asObject(stored?.user_preferences) };
  }

  /** The user's stored document, created empty on first use. */
  private async stored(userId: string): Promise<Doc> {
    const existing = await this.collection.findOne({ _id: userId });
    if (existing) return existing;
    const now = new Date();
    const doc: Doc = {
      _id: userId,
      user_preferences: {},
      session_preferences: {},
      _created: now,
      _updated: now,
    };
    doc._etag = computeEtag(doc);
    try {
      await this.collection.insertMany([doc]);
      return doc;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      return (await this.collection.findOne({ _id: userId }))!;
    }
  }

  /** The PATCH body, checked against the schema and the registered names. */
  private validated(input: Doc): { user?: Prefs; session?: Record<string, unknown> } {
    const fields = Object.fromEntries(
      Object.entries(input).filter(([key]) => !key.startsWith("_")),
    );
    const issues = documentValidator(this.definition.schema).issues(fields);
    if (issues) throw new ValidationError(issues);
    const user = input.user_preferences as Prefs | undefined;
    const session = input.session_preferences as Record<string, unknown> | undefined;
    const registered = this.#registries.preferences;
    const unknown = [
      ...Object.keys(user ?? {}).filter((name) => !registered.userPreferenceApp(name)),
      ...Object.keys(session ?? {}).filter((name) => !registered.sessionPreferenceApp(name)),
    ];
    if (unknown.length > 0) {
      throw new ValidationError({ "validator exception": `Invalid preference: ${unknown[0]}` });
    }
    const dotted = dottedKeyIn({ user_preferences: user, session_preferences: session });
    if (dotted) throw new ValidationError({ [dotted]: "field names with a dot cannot be stored" });
    return { user, session };
  }

  /** The stored fields after `changes` for session `sessionId`. */
  private applied(
    stored: Doc,
    sessionId: string,
    changes: { user?: Prefs; session?: Record<string, unknown> },
  ): Doc {
    const next: Doc = {};
    if (changes.user) {
      const prefs = { ...asObject(stored.user_preferences) } as Prefs;
      for (const [name, value] of Object.entries(changes.user)) {
        const current = prefs[name];
        prefs[name] = isObject(value) && isObject(current) ? mergeNested(current, value) : value;
      }
      next.user_preferences = prefs;
    }
    if (changes.session) {
      const sessions = { ...asObject(stored.session_preferences) };
      sessions[sessionId] = { ...asObject(sessions[sessionId]), ...changes.session };
      next.session_preferences = sessions;
    }
    return next;
  }

  private async view(session: Doc, user: Doc, stored: Doc): Promise<Doc> {
    const sessionId = String(session._id);
    const parts = preferencesView({
      userDefaults: this.#registries.preferences.userDefaults(),
      sessionDefaults: this.#registries.preferences.sessionDefaults(),
      stored: asObject(stored.user_preferences) as Prefs,
      session: asObject(asObject(stored.session_preferences)[sessionId]),
      userDesk: typeof user.desk === "string" ? user.desk : undefined,
      activePrivileges: await activePrivileges(
        this.ctx.registry,
        this.#registries.privileges,
        user,
      ),
      workflowActions: this.#registries.workflowActions.list(),
    });
    return {
      _id: sessionId,
      ...parts,
      user: String(user._id),
      user_type: user.user_type ?? "user",
      role: user.role ?? null,
      _created: stored._created,
      _updated: stored._updated,
      _etag: stored._etag,
    };
  }
}

/**
 * The path of the first key holding a `.` inside a preference's value, or undefined: a
 * preference is stored whole, where MongoDB and FerretDB refuse or misread such a key (a 500 on
 * the engines, stored as sent by the embedded store). Iterative, so any parsed JSON is walked.
 */
function dottedKeyIn(
  prefs: Record<string, Record<string, unknown> | undefined>,
): string | undefined {
  const pending: Array<[string, unknown]> = [];
  for (const [field, values] of Object.entries(prefs)) {
    for (const [name, value] of Object.entries(values ?? {})) {
      pending.push([`${field}.${name}`, value]);
    }
  }
  while (pending.length > 0) {
    const [path, node] = pending.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, index) => pending.push([`${path}.${index}`, item]));
    } else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.includes(".")) return `${path}.${key}`;
        pending.push([`${path}.${key}`, value]);
      }
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
