/**
 * Field names a client cannot smuggle in: names of `Object.prototype` members (alone or as
 * dotted paths such as `constructor.prototype.isAdmin`) are unknown fields like any other, and
 * keys the document stores cannot hold faithfully (NUL, a leading `$`, a dot inside a free-form
 * object, arrays of arrays) are a 400 naming the field on every store, never a 500.
 */
import assert from "node:assert/strict";
import { bothStores, type Setup } from "./_setups.ts";

const PROTOTYPE_NAMES = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"];

async function selfEtag(client: { get(path: string): Promise<Response> }, id: string) {
  const response = await client.get(`/api/users/${id}`);
  assert.equal(response.status, 200);
  return (await response.json())._etag as string;
}

for (const name of PROTOTYPE_NAMES) {
  // `__proto__` is refused before validation, as a name no store may hold.
  const issue = name === "__proto__" ? "field name __proto__ is not allowed" : "unknown field";
  bothStores(
    `PATCH /api/users/<self> with the unknown field "${name}" answers 400, stores nothing`,
    async ({ user }) => {
      const etag = await selfEtag(user, user.userId);
      const response = await user.raw(
        "PATCH",
        `/api/users/${user.userId}`,
        `{"${name}": {"isAdmin": true}}`,
        { "Content-Type": "application/json", "If-Match": etag },
      );
      assert.equal(response.status, 400, await response.clone().text());
      const body = await response.json();
      assert.equal(body._issues[name], issue);
      assert.equal(await selfEtag(user, user.userId), etag);
    },
  );
}

bothStores(
  'PATCH /api/users/<self> {"constructor.prototype.isAdmin": true} is refused',
  async ({ user }) => {
    const etag = await selfEtag(user, user.userId);
    const response = await user.patch(`/api/users/${user.userId}`, {
      "constructor.prototype.isAdmin": true,
    }, { etag });
    assert.equal(response.status, 400, await response.clone().text());
    assert.match(response.headers.get("content-type") ?? "", /json/);
    const stored = await (await user.get(`/api/users/${user.userId}`)).json();
    assert.equal(Object.hasOwn(stored, "constructor"), false);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  },
);

bothStores("POST /api/users with a prototype-named field answers 400", async ({ admin }) => {
  const response = await admin.raw(
    "POST",
    "/api/users",
    JSON.stringify({ username: "x1", email: "x1@example.com", toString: "boom" }),
    { "Content-Type": "application/json" },
  );
  assert.equal(response.status, 400, await response.clone().text());
  assert.equal((await response.json())._issues.toString, "unknown field");
});

/** Keys and values no store can hold as sent: each is a 400 naming the field. */
const UNSTORABLE: Array<[string, unknown, string]> = [
  ["a NUL in a key", { "a\u0000b": 1 }, "user_preferences.a\u0000b"],
  ["a $-prefixed key", { $set: { is_active: false } }, "user_preferences.$set"],
  ["an empty key", { "": 1 }, "user_preferences."],
  ["an empty dotted segment", { "a..b": 1 }, "user_preferences.a..b"],
  ["an array of arrays", { x: [[1]] }, "user_preferences.x"],
  ["a nested $-prefixed key", { deep: { $where: "1" } }, "user_preferences.deep.$where"],
];

for (const [what, preferences, field] of UNSTORABLE) {
  bothStores(
    `PATCH /api/users/<self> with ${what} in a free-form object answers 400 naming it`,
    async ({ user }) => {
      const etag = await selfEtag(user, user.userId);
      const response = await user.patch(`/api/users/${user.userId}`, {
        user_preferences: preferences,
      }, { etag });
      assert.equal(response.status, 400, await response.clone().text());
      assert.match(response.headers.get("content-type") ?? "", /json/);
      const body = await response.json();
      assert.ok(Object.hasOwn(body._issues, field), JSON.stringify(body));
      assert.equal(await selfEtag(user, user.userId), etag);
    },
  );
}

bothStores(
  "free-form objects keep ordinary keys, nested objects and arrays of objects",
  async ({ user }) => {
    const etag = await selfEtag(user, user.userId);
    const preferences = { "editor:theme": { dark: true }, list: [{ a: [1, 2] }], "ünï cödé": "ok" };
    const response = await user.patch(`/api/users/${user.userId}`, {
      user_preferences: preferences,
    }, { etag });
    assert.equal(response.status, 200, await response.clone().text());
    const stored = await (await user.get(`/api/users/${user.userId}`)).json();
    assert.deepEqual(stored.user_preferences, preferences);
  },
);

/** POSTs a workspace of `user` holding `widgets`. */
function postWorkspace(user: Setup["user"], widgets: unknown[]) {
  return user.post("/api/workspaces", { user: user.userId, name: "w", widgets });
}

bothStores(
  "a dotted key inside an array element is expanded as Eve's normalize_dotted_fields does, the same on every store (FerretDB answered 500)",
  async ({ user }) => {
    const created = await postWorkspace(user, [
      { "c.d": 1, configuration: { "x.y": [{ "p.q": 2 }] } },
    ]);
    assert.equal(created.status, 201, await created.clone().text());
    const { _id } = await created.json();
    const read = await (await user.get(`/api/workspaces/${_id}`)).json();
    assert.deepEqual(read.widgets, [{
      c: { d: 1 },
      configuration: { x: { y: [{ p: { q: 2 } }] } },
    }]);
    const patched = await user.patch(`/api/workspaces/${_id}`, {
      widgets: [{ "e.f": true }],
    }, { etag: read._etag });
    assert.equal(patched.status, 200, await patched.clone().text());
    const after = await (await user.get(`/api/workspaces/${_id}`)).json();
    assert.deepEqual(after.widgets, [{ e: { f: true } }]);
  },
);

bothStores(
  "a $-prefixed key inside an array element answers 400 naming it, on every store",
  async ({ user }) => {
    const response = await postWorkspace(user, [{ $where: "1" }]);
    assert.equal(response.status, 400, await response.clone().text());
    assert.match(response.headers.get("content-type") ?? "", /json/);
    assert.ok(Object.hasOwn((await response.json())._issues, "widgets.0.$where"));
  },
);

bothStores(
  "config: a dotted key inside a value is expanded like Superdesk's (Eve normalises val before its set)",
  async ({ admin }) => {
    const response = await admin.post("/api/config", {
      _id: "client-dots",
      val: { "auth.google": true, list: [{ "b.c": 1 }], nested: { "p.q": 2 } },
    });
    assert.equal(response.status, 201, await response.clone().text());
    const stored = await (await admin.get("/api/config/client-dots")).json();
    assert.deepEqual(stored.val, {
      auth: { google: true },
      list: [{ b: { c: 1 } }],
      nested: { p: { q: 2 } },
    });
  },
);

bothStores(
  "config: a val that is a list has the dotted keys of its elements expanded too (stored as sent before, FerretDB 500)",
  async ({ admin }) => {
    const response = await admin.post("/api/config", {
      _id: "client-list-dots",
      val: [{ "b.c": 1 }, "plain"],
    });
    assert.equal(response.status, 201, await response.clone().text());
    const stored = await (await admin.get("/api/config/client-list-dots")).json();
    assert.deepEqual(stored.val, [{ b: { c: 1 } }, "plain"]);
  },
);
