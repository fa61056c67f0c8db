/**
 * `search_providers_proxy` beyond Superdesk's scenarios: which providers it answers for, who may
 * use them, what an archive request needs, and how a failing provider app is reported.
 */
import assert from "node:assert/strict";
import { defineApp } from "../../src/app_api.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { captureLog, type LogRecord } from "../apps/_apps_fixture.ts";
import { addUser, authed, login } from "../auth/_auth_fixtures.ts";

/**
 * Types of these tests: one that works (but fails to fetch "boom"), one whose search fails and
 * cannot fetch, one whose search answers a non-item.
 */
const providersApp = defineApp({
  name: "proxy_test_providers",
  register(app) {
    app.searchProviders(
      {
        search_provider: "works",
        label: "Works",
        find: (query, { params }) => [{ guid: "w1", headline: JSON.stringify({ query, params }) }],
        fetch: (guid) => {
          if (guid === "boom") throw new Error("timed out");
          return guid === "w1" ? { headline: "from works", source: "src" } : undefined!;
        },
      },
      {
        search_provider: "malformed",
        label: "Malformed",
        find: () => [{ guid: "m1" }, null as unknown as Record<string, unknown>],
      },
      {
        search_provider: "broken",
        label: "Broken",
        find: () => {
          throw new Error("connection refused");
        },
      },
    );
  },
});

async function withProviders(
  fn: (t: TestApp, token: string, records: LogRecord[]) => Promise<void>,
) {
  const { log, records } = captureLog();
  const t = await createTestApp({ apps: [providersApp], log });
  try {
    await addUser(t, { username: "admin", admin: true });
    await fn(t, (await login(t, "admin")).token, records.items);
  } finally {
    await t.close();
  }
}

async function provider(t: TestApp, type: string, extra: Record<string, unknown> = {}) {
  const [doc] = await t.platform.registry.service("search_providers").create([
    { search_provider: type, source: type, name: type, ...extra },
  ], SYSTEM_ACTOR);
  return String(doc!._id);
}

async function desk(t: TestApp) {
  const [doc] = await t.platform.registry.service("desks").create([{ name: "Sports" }]);
  return String(doc!._id);
}

/** A refused request left no item archived and the provider unstamped. */
async function assertNothingArchived(t: TestApp, providerId: string) {
  const archive = t.platform.registry.service("archive");
  assert.equal((await archive.find({ page: 1, maxResults: 10 })).total, 0);
  const stored = await t.platform.registry.service("search_providers").getById(providerId);
  assert.equal(stored.last_item_update, undefined);
}

async function status(response: Response) {
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  const body = await response.json();
  return { status: response.status, body };
}

Deno.test("the client's source and params reach the provider's find", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "works");
    const source = encodeURIComponent('{"query": {"match_all": {}}}');
    const found = await status(
      await t.app.request(
        `/api/search_providers_proxy?repo=${id}&source=${source}&params={"a":1}`,
        authed(token),
      ),
    );
    assert.equal(found.status, 200);
    assert.deepEqual(JSON.parse(found.body._items[0].headline), {
      query: { query: { match_all: {} } },
      params: { a: 1 },
    });
    assert.equal(found.body._items[0].ingest_provider, id);
  });
});

Deno.test("no repo, an unknown or a closed provider, and a bad source are 400s", async () => {
  await withProviders(async (t, token) => {
    const closed = await provider(t, "works", { is_closed: true });
    for (
      const query of [
        "",
        "?repo=0102030405060708090a0b0c",
        `?repo=${closed}`,
        `?repo=${await provider(t, "works")}&source=not-json`,
      ]
    ) {
      const answer = await status(
        await t.app.request(`/api/search_providers_proxy${query}`, authed(token)),
      );
      assert.equal(answer.status, 400, query);
    }
  });
});

Deno.test("a user without the provider's item privilege is refused (403)", async () => {
  await withProviders(async (t) => {
    const id = await provider(t, "works");
    await addUser(t, { username: "writer", privileges: { archive: 1 } });
    const { token } = await login(t, "writer");
    const answer = await status(
      await t.app.request(`/api/search_providers_proxy?repo=${id}`, authed(token)),
    );
    assert.equal(answer.status, 403);
    assert.equal(answer.body._issues.privilege, `resource:search_providers:${id}`);
  });
});

Deno.test("archiving needs a desk and a provider id; nothing is stored otherwise", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "works");
    const sports = await desk(t);
    for (
      const [query, body] of [
        [`?repo=${id}`, { guid: "w1" }],
        [`?repo=${id}`, { desk: sports }],
        ["?repo=archive", { guid: "w1", desk: sports }],
        [`?repo=${id}`, { guid: "missing", desk: sports }],
      ] as const
    ) {
      const answer = await status(
        await t.app.request(
          `/api/search_providers_proxy${query}`,
          authed(token, { method: "POST", body }),
        ),
      );
      assert.equal(answer.status, 400, JSON.stringify(body));
    }
    await assertNothingArchived(t, id);
  });
});

Deno.test("an archived item lands on the desk and stamps the provider's last_item_update", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "works");
    const sports = await desk(t);
    const answer = await status(
      await t.app.request(
        `/api/search_providers_proxy?repo=${id}`,
        authed(token, { method: "POST", body: { guid: "w1", desk: sports } }),
      ),
    );
    assert.equal(answer.status, 201);
    assert.equal(answer.body.headline, "from works");
    assert.equal(answer.body.state, "fetched");
    assert.equal(answer.body.task.desk, sports);
    assert.equal(answer.body.ingest_id, "w1");
    assert.equal(answer.body.fetch_endpoint, undefined);
    const stored = await t.platform.registry.service("search_providers").getById(id);
    assert.ok(stored.last_item_update, "stamped");
  });
});

Deno.test("a provider app that fails is a 502 naming it; a type that cannot fetch is a 400", async () => {
  await withProviders(async (t, token, records) => {
    const broken = await provider(t, "broken");
    const failed = await status(
      await t.app.request(`/api/search_providers_proxy?repo=${broken}`, authed(token)),
    );
    assert.equal(failed.status, 502);
    assert.match(failed.body._message, /"broken" failed/);
    assert.doesNotMatch(
      failed.body._message,
      /connection refused/,
      "the app's error stays in the log",
    );
    const logged = records.find(({ msg }) => msg === "search provider failed");
    assert.equal(logged?.search_provider, "broken");
    assert.match(String((logged?.error as Error | undefined)?.message), /connection refused/);
    const cannot = await status(
      await t.app.request(
        `/api/search_providers_proxy?repo=${broken}`,
        authed(token, { method: "POST", body: { guid: "x", desk: await desk(t) } }),
      ),
    );
    assert.equal(cannot.status, 400);
    assert.match(cannot.body._message, /cannot archive/);
  });
});

Deno.test("a find answering something other than items is a 502 naming the provider", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "malformed");
    const answer = await status(
      await t.app.request(`/api/search_providers_proxy?repo=${id}`, authed(token)),
    );
    assert.equal(answer.status, 502);
    assert.match(answer.body._message, /"malformed" failed/);
  });
});

Deno.test("a batch whose provider fetch or destination fails stores none of its items", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "works");
    const sports = await desk(t);
    for (
      const [expected, second] of [
        [502, { guid: "boom", desk: sports }],
        [404, { guid: "w1", desk: "0102030405060708090a0b0c" }],
      ] as const
    ) {
      const answer = await status(
        await t.app.request(
          `/api/search_providers_proxy?repo=${id}`,
          authed(token, { method: "POST", body: [{ guid: "w1", desk: sports }, second] }),
        ),
      );
      assert.equal(answer.status, expected, JSON.stringify(answer.body));
    }
    await assertNothingArchived(t, id);
  });
});

Deno.test("a batch is archived item by item, each on its desk", async () => {
  await withProviders(async (t, token) => {
    const id = await provider(t, "works");
    const sports = await desk(t);
    const answer = await status(
      await t.app.request(
        `/api/search_providers_proxy?repo=${id}`,
        authed(token, {
          method: "POST",
          body: [{ guid: "w1", desk: sports }, { guid: "w1", desk: sports }],
        }),
      ),
    );
    assert.equal(answer.status, 201);
    assert.equal(answer.body._items.length, 2);
    assert.notEqual(answer.body._items[0]._id, answer.body._items[1]._id);
    for (const item of answer.body._items) assert.equal(item.task.desk, sports);
  });
});
