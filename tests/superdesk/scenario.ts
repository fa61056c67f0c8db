/**
 * One Superdesk behave scenario, step by step, over HTTP against an in-process app. Method names
 * follow the step texts of superdesk/tests/steps.py, and every JSON argument is the step's text
 * (placeholders applied, see `placeholders.ts`), so a `.feature` scenario reads almost line for
 * line:
 *
 * ```ts
 * await s.given("desks", `[{"name": "Sports"}]`);          // Given "desks"
 * await s.post("/archive/item-1/lock", `{}`);              // When we post to "..."
 * await s.newResource(`{"lock_user": "#CONTEXT_USER_ID#"}`); // Then we get new resource
 * ```
 *
 * Where it differs from Superdesk's steps (say so in the scenario if it matters):
 * - `given` writes through the resource service's `create` as the system actor without schema
 *   validation (`trusted`, Eve's `skip_validation`), as Superdesk's `Given` posts to the service
 *   without Eve's validation: the hooks run and the server's defaults are filled. So fixture
 *   items have no creator (in Superdesk they get whichever user an earlier request left in
 *   Flask's `g`, if any). Users without an e-mail get `<username>@example.com` (our schema
 *   requires one). Like Superdesk's (a service's `post`, not Eve's), it stores no version: a
 *   fixture has no `_current_version` unless it gives one and no version copy
 *   (`CreateOptions.unversioned`).
 * - users made by the login steps are administrators unless the step text says otherwise: in
 *   Superdesk's `login_as` the type is keyed by its own value (`{"user": "user"}`), so
 *   `setdefault("user_type", "administrator")` always wins; we reproduce that.
 * - publishing's tasks run in-process as Superdesk's eager Celery runs them (`publish_tasks.ts`):
 *   a successful publish action (`PATCH /archive/<kind>/<id>`, whichever step sends it) has run
 *   the enqueue step when the step returns; `we transmit items` sends inline.
 * - notifications are the events of our bus (`{event, extra, _created, _process}`); they arrive
 *   asynchronously, so `notifications` waits until they match (or fails after 5 s).
 */
import assert from "node:assert/strict";
import { toWireJson } from "../../src/http/wire_json.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { TestApp } from "../_app.ts";
import type { Collector } from "../notify/_collect.ts";
import { type Json, jsonMatch } from "./json_match.ts";
import { applyPlaceholders, type PlaceholderSource } from "./placeholders.ts";
import { lapseSchedules, requestsEnqueue, runEnqueue, runTransmit } from "./publish_tasks.ts";
import { runLegalImportsEagerly } from "./_expiry_steps.ts";

/** Superdesk's `test_user` (superdesk/tests/__init__.py), minus its unknown `preferences`. */
export const TEST_USER = {
  username: "test_user",
  password: "test_password",
  is_active: true,
  is_enabled: true,
  needs_activation: false,
  sign_off: "abc",
  email: "behave_test@sourcefabric.org",
};

/** A response read once: status, headers and parsed body. */
export interface StepResponse {
  status: number;
  headers: Headers;
  body: Json;
}

export class Scenario implements PlaceholderSource {
  readonly app: TestApp;
  readonly placeholders: Record<string, Json> = {};
  readonly resources: Record<string, Json> = {};
  /** The signed-in user (Superdesk's `context.user`). */
  user?: Json;
  #token?: string;
  #response?: StepResponse;
  #events: Collector<Notification>;
  #since = 0;
  /** When the scenario began: the earliest time a `__now__` may be. */
  readonly #started = Date.now();
  #savedEtag?: string;

  constructor(app: TestApp, events: Collector<Notification>) {
    this.app = app;
    this.#events = events;
    runLegalImportsEagerly(app.platform);
  }

  /** The last response. */
  get response(): StepResponse {
    assert.ok(this.#response, "no request was made yet");
    return this.#response;
  }

  /** `text` with placeholders applied, parsed. */
  json(text: string): Json {
    return JSON.parse(applyPlaceholders(this, text));
  }

  // ---- Given ----

  /**
   * `Given "<resource>"`: empties the resource (not users) and creates the documents; the last one
   * is remembered under the resource name for placeholders.
   */
  async given(resource: string, text: string): Promise<Json[]> {
    const service = this.app.platform.registry.service(resource);
    const docs: Json[] = this.json(text);
    if (resource === "users") {
      for (const doc of docs) {
        doc.needs_activation ??= false;
        doc.email ??= `${doc.username}@example.com`;
      }
    } else {
      await this.#clear(resource);
    }
    const created = await service.create(docs, SYSTEM_ACTOR, { trusted: true, unversioned: true });
    const stored = created.map((doc) => toJson(service.toPublic(doc)));
    this.resources[resource] = stored[stored.length - 1];
    return stored;
  }

  /** `Given empty "<resource>"`. */
  async givenEmpty(resource: string): Promise<void> {
    if (resource === "users") return;
    await this.#clear(resource);
  }

  /**
   * Empties `resource` as Superdesk's `delete_action()` without a lookup does: straight in the
   * store (and its versions and search copies), no hooks, so a desk's stages go too.
   */
  async #clear(resource: string): Promise<void> {
    const { documents, search } = this.app.platform;
    const { definition } = this.app.platform.registry.service(resource);
    const collection = documents.collection(definition.datasource.source);
    const ids = (await collection.find({}, { projection: { _id: 1 } })).map((doc) =>
      String(doc._id)
    );
    await collection.deleteMany({});
    if (definition.versioning) {
      await documents.collection(`${definition.datasource.source}_versions`).deleteMany({});
    }
    if (definition.searchBacked && ids.length > 0) await search.remove(resource, ids);
  }

  /** `setup_auth_user`: creates `user` unless its username exists, logs in, switches to it. */
  async login(user: Json = TEST_USER): Promise<void> {
    const users = this.app.platform.registry.service("users");
    const doc = { user_type: "administrator", ...user };
    // With LDAP the password is the directory's (Superdesk's `setup_ad_user`).
    if (this.app.platform.config.ldap) delete doc.password;
    doc.email ??= `${doc.username}@example.com`;
    const existing = await users.findOne({ username: doc.username });
    const stored = existing ?? (await users.create([doc], SYSTEM_ACTOR))[0]!;
    const session = await this.#send("POST", "/auth_db", {
      username: user.username,
      password: user.password,
    }, { keep: false });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    this.#token = session.body.token;
    this.user = toJson(users.toPublic(stored));
    this.resources.user = this.user;
    this.placeholders.CONTEXT_USER_ID = String(stored._id);
    this.placeholders.AUTH_ID = String(session.body._id);
  }

  /** `we login as user "<name>" with password "<pw>" and user type "<type>"` (plus step text). */
  async loginAs(username: string, password: string, text?: string): Promise<void> {
    await this.login({
      username,
      password,
      is_active: true,
      is_enabled: true,
      needs_activation: false,
      ...(text ? this.json(text) : {}),
    });
  }

  /** `we switch user`: a second administrator `test-user-2`; `#USERS_ID#` is its id. */
  async switchUser(): Promise<void> {
    await this.login({
      username: "test-user-2",
      password: "pwd",
      is_active: true,
      needs_activation: false,
      sign_off: "foo",
    });
    this.placeholders.USERS_ID = this.placeholders.CONTEXT_USER_ID;
  }

  /** `we have "<user_type>" as type of user`: patches the signed-in user. */
  async haveUserType(userType: string): Promise<void> {
    await this.#patchCurrentUser({ user_type: userType });
  }

  /** `we have "<role>" role`: gives the signed-in user the role named so. */
  async haveRole(name: string): Promise<void> {
    const role = await this.app.platform.registry.service("roles").findOne({ name });
    assert.ok(role, `no role "${name}"`);
    await this.#patchCurrentUser({ role: role._id });
  }

  async #patchCurrentUser(updates: Json): Promise<void> {
    const url = `/users/${this.placeholders.CONTEXT_USER_ID}`;
    const current = await this.#send("GET", url, undefined, { keep: false });
    const patched = await this.#send("PATCH", url, updates, {
      etag: current.body._etag,
      keep: false,
    });
    assert.ok([200, 201].includes(patched.status), JSON.stringify(patched.body));
  }

  // ---- When ----

  /** `we post to auth_db`: logs in with the text's credentials and switches to that session. */
  async postToAuthDb(text: string): Promise<StepResponse> {
    const response = await this.#send("POST", "/auth_db", this.json(text));
    if (response.status === 200 || response.status === 201) {
      if (response.body._id) this.placeholders.AUTH_ID = response.body._id;
      this.#token = response.body.token;
      this.user = { _id: response.body.user };
      this.resources.user = this.user;
    }
    return response;
  }

  /** `we post to "<url>"` (stores an OK answer under the URL's last segment). */
  async post(url: string, text: string): Promise<StepResponse> {
    const path = applyPlaceholders(this, url);
    const response = await this.#send("POST", path, this.json(text));
    this.#store(path);
    return response;
  }

  /** `we post to "<url>" with success`: the post must answer OK. */
  async postWithSuccess(url: string, text: string): Promise<StepResponse> {
    const response = await this.post(url, text);
    this.#assertOk();
    return response;
  }

  /**
   * `we post to "<url>" with "<TAG>" and success` (also `Given we have "<url>" with ...`): the
   * post must answer OK; the new `_id` is kept as placeholder `TAG`.
   */
  async postWithTag(url: string, tag: string, text: string): Promise<StepResponse> {
    const response = await this.postWithSuccess(url, text);
    const body = response.body;
    const id = body?._id ?? body?._items?.[0]?._id;
    if (id) this.placeholders[tag] = id;
    return response;
  }

  /** `we get "<url>"`. */
  get(url: string): Promise<StepResponse> {
    return this.#send("GET", applyPlaceholders(this, url));
  }

  /** `we get latest`: GET the last answer's self link; must answer 200. */
  async latest(): Promise<StepResponse> {
    const response = await this.#send("GET", this.response.body._links.self.href);
    this.#assertStatus([200]);
    return response;
  }

  /** `we get the default incoming stage`: GET the desk's incoming stage and check it. */
  async defaultIncomingStage(): Promise<StepResponse> {
    const body = this.response.body;
    const stage = body._items ? body._items[0].incoming_stage : body.incoming_stage;
    assert.ok(stage, "no incoming_stage");
    const response = await this.get(`stages/${stage}`);
    this.#assertStatus([200]);
    assert.equal(response.body.default_incoming, true);
    assert.equal(response.body.name, "Incoming Stage");
    return response;
  }

  /** `we patch "<url>"`: GET for the etag and self link, then PATCH it. */
  async patch(url: string, text: string): Promise<StepResponse> {
    const { href, etag } = await this.#current(url);
    return await this.#send("PATCH", href, this.json(text), { etag });
  }

  /** `we put to "<url>"`. */
  async put(url: string, text: string): Promise<StepResponse> {
    const path = applyPlaceholders(this, url);
    const current = await this.#send("GET", path, undefined, { keep: false });
    assert.equal(current.status, 200, JSON.stringify(current.body));
    return await this.#send("PUT", path, this.json(text), { etag: current.body._etag });
  }

  /** `we delete "<url>"`: GET for the etag and self link, then DELETE it. */
  async delete(url: string): Promise<StepResponse> {
    const { href, etag } = await this.#current(url);
    return await this.#send("DELETE", href, undefined, { etag });
  }

  /** `we delete link "<url>"` / `we delete all sessions "<url>"`: DELETE without an etag. */
  deleteLink(url: string): Promise<StepResponse> {
    return this.#send("DELETE", applyPlaceholders(this, url));
  }

  /** `we patch given`: PATCH the last `given` document of `resource`; must succeed. */
  async patchGiven(resource: string, text: string): Promise<StepResponse> {
    const { href, etag } = await this.#current(`/${resource}/${this.resources[resource]._id}`);
    const response = await this.#send("PATCH", href, JSON.parse(text), { etag });
    this.#assertOk();
    return response;
  }

  /** `we get given`. */
  getGiven(resource: string): Promise<StepResponse> {
    return this.get(`/${resource}/${this.resources[resource]._id}`);
  }

  /**
   * `we patch latest`: PATCH the last answer's self link; must succeed (`we patch latest without
   * assert`: `assert: false`).
   */
  async patchLatest(text: string, { assert = true } = {}): Promise<StepResponse> {
    const last = this.response.body;
    const response = await this.#send("PATCH", last._links.self.href, this.json(text), {
      etag: last._etag,
    });
    if (assert) this.#assertOk();
    if (response.body._status === "OK" && response.body._id) {
      this.resources[basename(last._links.self.href)] = response.body;
    }
    return response;
  }

  /** `we delete latest`. */
  deleteLatest(): Promise<StepResponse> {
    const last = this.response.body;
    return this.#send("DELETE", last._links.self.href, undefined, { etag: last._etag });
  }

  /** `we spike "<id>"`. */
  async spike(id: string): Promise<StepResponse> {
    const itemId = applyPlaceholders(this, id);
    const { etag } = await this.#current(`/archive/${itemId}`);
    return await this.#send("PATCH", `/archive/spike/${itemId}`, { state: "spiked" }, { etag });
  }

  /** `we unspike "<id>"` (with optional step text). */
  async unspike(id: string, text = "{}"): Promise<StepResponse> {
    const itemId = applyPlaceholders(this, id);
    const { etag } = await this.#current(`/archive/${itemId}`);
    return await this.#send("PATCH", `/archive/unspike/${itemId}`, this.json(text), { etag });
  }

  /** `we have sessions "<url>"`: lists the sessions; `#SESSION_ID#` is the first one's id. */
  async haveSessions(url: string): Promise<void> {
    const response = await this.get(url);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const [first] = response.body._items;
    assert.ok(first, "no session listed");
    this.placeholders.SESSION_ID = first._id;
    this.resources.users = typeof first.user === "object" ? first.user : { _id: first.user };
  }

  /**
   * `we upload a new dictionary with success` / `we upload to an existing dictionary with
   * success`: a multipart form with the text's fields and a word file (ours: `words`).
   */
  async uploadDictionary(
    text: string,
    { existing = false, words = ["foo", "bar", "baz"] } = {},
  ): Promise<StepResponse> {
    const form = new FormData();
    for (const [key, value] of Object.entries(this.json(text))) form.append(key, String(value));
    form.append("file", new File([words.join("\n")], "words.txt", { type: "text/plain" }));
    const target = existing ? `/dictionaries/${this.resources.dictionaries._id}` : "/dictionaries";
    const headers: Record<string, string> = {};
    if (this.#token) headers.Authorization = `basic ${btoa(`${this.#token}:`)}`;
    if (existing) headers["If-Match"] = this.resources.dictionaries._etag;
    const response = await this.app.app.request(prefixed(target), {
      method: existing ? "PATCH" : "POST",
      headers,
      body: form,
    });
    const body = JSON.parse(await response.text());
    this.#response = { status: response.status, headers: response.headers, body };
    this.#assertOk();
    this.resources.dictionaries = body;
    return this.#response;
  }

  /** The session's `Authorization` value, for requests a step makes itself (raw media). */
  get authorization(): string | undefined {
    return this.#token ? `basic ${btoa(`${this.#token}:`)}` : undefined;
  }

  /**
   * Superdesk's `upload_file`: `form` sent as multipart to `url` (POST), the answer kept as the
   * response and, when OK, under the URL's basename (`store_placeholder`).
   */
  async postForm(url: string, form: FormData): Promise<StepResponse> {
    const headers: Record<string, string> = {};
    if (this.authorization) headers.Authorization = this.authorization;
    const path = prefixed(applyPlaceholders(this, url));
    const response = await this.app.app.request(path, { method: "POST", headers, body: form });
    const text = await response.text();
    this.#response = {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.#store(path);
    return this.#response;
  }

  /** `we get activity`: the mention notifications; `#activity._id#` is the one found. */
  async activity(): Promise<void> {
    const where = JSON.stringify({ name: { $in: ["notify", "user:mention", "desk:mention"] } });
    const response = await this.get(`/activity?where=${encodeURIComponent(where)}`);
    if (response.status !== 200) return;
    assert.equal(response.body._items.length, 1, JSON.stringify(response.body));
    this.resources.activity = response.body._items[0];
    this.placeholders.USERS_ID = response.body._items[0].user;
  }

  /** `there is no "<key>" preference`. */
  noPreference(key: string): void {
    assert.ok(!(key in this.response.body.user_preferences), `"${key}" is a preference`);
  }

  /** `we restore version <n>`: PUT the last answer with `old_version`/`last_version`. */
  async restoreVersion(version: number): Promise<StepResponse> {
    const last = this.response.body;
    const response = await this.#send("PUT", last._links.self.href, {
      type: "text",
      old_version: version,
      last_version: last._current_version,
    }, { etag: last._etag });
    this.#assertOk();
    return response;
  }

  /** `we setup test user`: signs in again as `test_user` (a new session). */
  async setupTestUser(): Promise<void> {
    await this.login(TEST_USER);
  }

  /** `we remove item "<id>" from mongo`: deletes the stored document behind the service's back. */
  async removeFromStore(resource: string, id: string): Promise<void> {
    const source = this.app.platform.registry.service(resource).definition.datasource.source;
    await this.app.platform.documents.collection(source).deleteOne({ _id: id });
  }

  /**
   * `we publish "<id>" with "<kind>" type and "<state>" state` (with optional step text):
   * PATCH `/archive/<kind>/<id>` with the item's etag; the answer is stored as `archive_<kind>`.
   */
  async publish(id: string, kind: string, state: string, text = "{}"): Promise<StepResponse> {
    const itemId = applyPlaceholders(this, id);
    const { etag } = await this.#current(`/archive/${itemId}`);
    const body = { state, ...this.json(text) };
    const response = await this.#send("PATCH", `/archive/${kind}/${itemId}`, body, { etag });
    if (response.status < 300) this.resources[`archive_${kind}`] = response.body;
    return response;
  }

  /** `we enqueue published`: routes the due published copies into the queue now. */
  async enqueuePublished(): Promise<void> {
    await runEnqueue(this.app.platform);
  }

  /** `we transmit items`: sends every due queue entry now. */
  async transmitItems(): Promise<void> {
    await runTransmit(this.app.platform);
  }

  /**
   * `the publish schedule lapses` with the text's item ids: their schedule (and their published
   * copies') is now 5 minutes past; `we enqueue published` then fires them.
   */
  async publishScheduleLapses(text: string): Promise<void> {
    await lapseSchedules(this.app.platform, this.json(text));
  }

  /** `we get user "<resource>"`: `/users/<me>/<resource>`. */
  getUser(resource: string): Promise<StepResponse> {
    return this.get(`/users/${this.placeholders.CONTEXT_USER_ID}/${resource}`);
  }

  /** `we reset notifications`. */
  resetNotifications(): void {
    this.#since = this.#events.items.length;
  }

  // ---- Then ----

  /** `we get new resource`: 200/201 with `_status: OK`, a self link, and the text's subset. */
  newResource(text?: string): Json {
    this.#assertOk();
    assert.ok(this.response.body._links?.self, "no _links.self in the answer");
    return text === undefined ? this.response.body : this.#match(text);
  }

  /** `we get existing resource`. */
  existingResource(text: string): Json {
    this.#assertStatus([200, 201, 204]);
    return this.#match(text);
  }

  /** `we get OK response` / `we get updated response` (the latter also needs `_status: OK`). */
  ok(text?: string, { updated = false } = {}): Json {
    if (updated) this.#assertOk();
    else this.#assertStatus([200, 201, 204]);
    return text === undefined ? this.response.body : this.#match(text);
  }

  /** `we get response code <code>` / `we get error <code>`. */
  code(code: number, text?: string): Json {
    this.#assertStatus([code]);
    return text === undefined ? this.response.body : this.#match(text);
  }

  /**
   * `we get list with <count> items`: `count` is exact, `"N+"` at least N, `"<N"` fewer than N.
   */
  list(count: number | string, text?: string): Json {
    this.#assertStatus([200, 201, 204]);
    const total = this.response.body._meta?.total;
    const spec = String(count);
    const n = Number(spec.replace(/[+<]/g, ""));
    const fits = spec.endsWith("+") ? total >= n : spec.startsWith("<") ? total < n : total === n;
    assert.ok(fits, `expected ${spec} items, got ${total}: ${JSON.stringify(this.response.body)}`);
    if (text !== undefined) this.#match(text);
    this.placeholders.items = this.response.body._items;
    return this.response.body;
  }

  /** `we get ordered list with <count> items`: also the `_id`s in the text's order. */
  orderedList(count: number, text: string): Json {
    const body = this.list(count, text);
    const expected = this.json(text)._items.map((item: Json) => item._id);
    assert.deepEqual(body._items.map((item: Json) => item._id), expected);
    return body;
  }

  /** How many documents of `resource` match `filter` (for steps Superdesk runs in-process). */
  async count(resource: string, filter: Json): Promise<number> {
    const service = this.app.platform.registry.service(resource);
    const result = await service.find({ filter, page: 1, maxResults: 1 });
    return result.total ?? 0;
  }

  /** `we get version <n>`. */
  version(version: number): void {
    this.#assertStatus([200]);
    assert.equal(this.response.body._current_version, version, "_current_version");
  }

  /** `the field "<field>" value is "<value>"`. */
  fieldValue(field: string, value: string): void {
    this.#assertStatus([200]);
    assert.equal(this.response.body[field], value, field);
  }

  /** `the field "<field>" value is not "<value>"`. */
  fieldValueNot(field: string, value: string): void {
    assert.notEqual(this.response.body[field], value, field);
  }

  /** `there is no "<key>" in <field>`. */
  noKeyIn(field: string, key: string): void {
    const value = this.response.body[field];
    assert.ok(!(value && key in value), `"${key}" is in ${field}: ${JSON.stringify(value)}`);
  }

  /** `we get desk members count as <n>`. */
  deskMembersCount(count: number): void {
    assert.equal((this.response.body?.members ?? []).length, count, "desk members");
  }

  /** `we save etag`. */
  saveEtag(): void {
    this.#savedEtag = this.response.body._etag;
  }

  /** `we get matching etag`. */
  matchingEtag(): void {
    assert.equal(this.response.body._etag, this.#savedEtag, "etag");
  }

  /** `we get etag matching "<url>"`: the last answer's etag is the one `url` answers. */
  async etagMatching(url: string): Promise<void> {
    this.#assertStatus([200]);
    const etag = this.response.body._etag;
    assert.ok(etag, "no _etag");
    const other = await this.#send("GET", applyPlaceholders(this, url), undefined, {
      keep: false,
    });
    assert.equal(other.body._etag, etag);
  }

  /** `we get "<name>" header`. */
  header(name: string): void {
    assert.ok(this.response.headers.has(name), `no ${name} header`);
  }

  /** `item "<id>" is locked` / `is unlocked` / `is assigned`. */
  itemLocked(locked: boolean): void {
    this.#assertStatus([200, 201]);
    const lockUser = this.response.body.lock_user ?? null;
    assert.ok(locked ? lockUser !== null : lockUser === null, `lock_user ${lockUser}`);
  }

  /** `item "<id>" is assigned`. */
  itemAssigned(): void {
    assert.ok(this.response.body.task?.user, "item is not assigned");
  }

  /**
   * `we get global content expiry` / `we get content expiry <minutes>` / `we get desk spike
   * expiry after "<minutes>"`: the answer has an expiry, at most `minutes` from now
   * (`minutes` defaults to the app's CONTENT_EXPIRY_MINUTES).
   */
  expiryWithin(minutes = this.app.platform.config.contentExpiryMinutes): void {
    const expiry = this.response.body.expiry;
    assert.ok(expiry, `no expiry in ${JSON.stringify(this.response.body)}`);
    assert.ok(Date.parse(expiry) <= Date.now() + minutes * 60_000, `expiry ${expiry}`);
  }

  /** `we get spiked content "<id>"`. */
  async spikedContent(id: string): Promise<Json> {
    const response = await this.get(`archive/${applyPlaceholders(this, id)}`);
    this.#assertStatus([200]);
    assert.equal(response.body.state, "spiked");
    assert.equal(response.body.operation, "spike");
    return response.body;
  }

  /** `we get unspiked content "<id>"` (with an optional subset to match). */
  async unspikedContent(id: string, text?: string): Promise<Json> {
    const response = await this.get(`archive/${applyPlaceholders(this, id)}`);
    this.#assertStatus([200]);
    assert.equal(response.body.state, "draft");
    assert.equal(response.body.operation, "unspike");
    return text === undefined ? response.body : this.#match(text);
  }

  /** `we get "<key>"`: the key is in the answer; stored as a placeholder. */
  key(key: string): Json {
    this.#assertStatus([200, 201, 204]);
    assert.ok(key in this.response.body, `no "${key}" in ${JSON.stringify(this.response.body)}`);
    this.placeholders[key] = this.response.body[key];
    return this.response.body[key];
  }

  /** `we get no "<field>"`. */
  noKey(field: string): void {
    this.#assertStatus([200, 201, 204]);
    assert.ok(!(field in this.response.body), `"${field}" is in the answer`);
  }

  /** `we get notifications`: every expected event was published since the last reset. */
  async notifications(text: string): Promise<void> {
    const expected = this.json(text);
    const seen = () =>
      this.#events.items.slice(this.#since).map(({ event, extra, _created, _process }) => ({
        event,
        extra,
        _created,
        _process,
      }));
    try {
      await this.#events.until(
        () => jsonMatch(expected, seen(), this.#started) === null,
        "notifications",
      );
    } catch {
      assert.fail(`notifications: ${jsonMatch(expected, seen(), this.#started)}`);
    }
  }

  /**
   * `we get <count> notifications`: exactly `count` events since the last reset. A marker event
   * published afterwards bounds the wait: the bus delivers one process's events in order, so
   * once the marker is in, every event published before it is too.
   */
  async notificationCount(count: number): Promise<void> {
    const marker = `scenario:marker:${crypto.randomUUID()}`;
    await this.app.platform.services.notify(marker, {});
    await this.#events.until(
      () => this.#events.items.slice(this.#since).some(({ event }) => event === marker),
      "the marker event",
    );
    const seen = this.#events.items.slice(this.#since).map(({ event }) => event);
    const before = seen.slice(0, seen.indexOf(marker));
    assert.equal(before.length, count, `notifications: ${JSON.stringify(before)}`);
  }

  // ---- plumbing ----

  #match(text: string): Json {
    const reason = jsonMatch(this.json(text), this.response.body, this.#started);
    assert.equal(reason, null, `${reason}\nin ${JSON.stringify(this.response.body)}`);
    return this.response.body;
  }

  #assertStatus(allowed: number[]) {
    const { status, body } = this.response;
    assert.ok(
      allowed.includes(status),
      `expected ${allowed}, got ${status}: ${JSON.stringify(body)}`,
    );
  }

  #assertOk() {
    this.#assertStatus([200, 201]);
    assert.equal(this.response.body._status, "OK", JSON.stringify(this.response.body));
  }

  /** The self href and etag of the document at `url` (which must answer 200). */
  async #current(url: string): Promise<{ href: string; etag: string }> {
    const current = await this.#send("GET", applyPlaceholders(this, url), undefined, {
      keep: false,
    });
    assert.equal(current.status, 200, `GET ${url}: ${JSON.stringify(current.body)}`);
    return { href: current.body._links.self.href, etag: current.body._etag };
  }

  /** Superdesk's `store_placeholder`: an OK answer with an id is kept under the URL's basename. */
  #store(path: string) {
    const { status, body } = this.response;
    if ((status === 200 || status === 201) && body?._status === "OK" && body._id) {
      const name = basename(path);
      this.resources[name] = body;
      this.placeholders[name] = body;
    }
  }

  async #send(
    method: string,
    path: string,
    body?: unknown,
    { etag, keep = true }: { etag?: string; keep?: boolean } = {},
  ): Promise<StepResponse> {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      Origin: "localhost",
    };
    if (this.#token) headers.Authorization = `basic ${btoa(`${this.#token}:`)}`;
    if (etag) headers["If-Match"] = etag;
    const response = await this.app.app.request(prefixed(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const step = {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    if (keep) this.#response = step;
    if (response.status < 300 && requestsEnqueue(method, prefixed(path))) {
      await runEnqueue(this.app.platform);
    }
    return step;
  }
}

/** Superdesk's `get_prefixed_url`: `/api/<path>` unless the path has the prefix already. */
function prefixed(path: string): string {
  const bare = path.replace(/^\/+/, "");
  return bare.startsWith("api/") ? `/${bare}` : `/api/${bare}`;
}

function basename(path: string): string {
  return new URL(path, "http://x/").pathname.split("/").filter(Boolean).pop() ?? "";
}

/** A stored document as the wire renders it (dates in the wire form). */
function toJson(doc: unknown): Json {
  return JSON.parse(toWireJson(doc));
}
