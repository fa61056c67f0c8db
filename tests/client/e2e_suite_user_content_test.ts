/**
 * What superdesk-client-core's Protractor suite found wrong in the personal space
 * (`specs/spike_spec.ts` "can spike item", `specs/content_spec.ts` "can navigate with
 * keyboard"): the client lists it with `GET /api/users/<id>/content?source=...`
 * (`ArchiveListController.ts`, resource `user_content`), an Elasticsearch body with its sort, its
 * page and a filter leaving spiked items out; Superdesk searches the archive with it (the
 * resource's `elastic_filter` added: no desk). The body was ignored: a spiked item stayed listed
 * and the order was the list's default. Replayed on the embedded default and on the real engines.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/**
 * The body the client's list sends (its search service's criteria), sorted by `sort` (on
 * `priority`: the client's `versioncreated` has a second's resolution, equal for items made here).
 */
function criteria(sort: string, size = 25) {
  return JSON.stringify({
    query: { filtered: { filter: { and: [{ not: { term: { state: "spiked" } } }] } } },
    sort: [{ priority: sort }],
    size,
    from: 0,
  });
}

suiteTest("the personal space searched with the client's source", async (t, room) => {
  const { server, session, desk } = room;
  const { auth, login, post } = session;
  const mine = `${server.url}/users/${login.user}/content`;
  const headlines = async (url: string) => {
    const body = ok(await send(url, { auth }), 200, url);
    return {
      total: body._meta.total,
      headlines: body._items.map((i: { headline: string }) => i.headline),
    };
  };
  const personal = [];
  for (const [priority, headline] of ["first", "second", "third"].entries()) {
    personal.push(await post("archive", { type: "text", headline, priority: priority + 1 }));
  }
  await post("archive", {
    type: "text",
    headline: "on a desk",
    task: { desk: desk._id, stage: desk.working_stage },
  });
  const spiked = await send(`${server.url}/archive/spike/${personal[1]._id}`, {
    method: "PATCH",
    auth,
    body: {},
    etag: personal[1]._etag,
  });
  ok(spiked, 200, "spike");

  await t.step("the spiked item left out, in the body's order", async () => {
    const asc = await headlines(`${mine}?source=${encodeURIComponent(criteria("asc"))}`);
    assert.deepEqual(asc, { total: 2, headlines: ["first", "third"] });
    const desc = await headlines(`${mine}?source=${encodeURIComponent(criteria("desc"))}`);
    assert.deepEqual(desc, { total: 2, headlines: ["third", "first"] });
  });

  await t.step("the body's page size", async () => {
    const page = await headlines(`${mine}?source=${encodeURIComponent(criteria("asc", 1))}`);
    assert.deepEqual(page, { total: 2, headlines: ["first"] });
  });

  await t.step("without a body: every item of the user's on no desk, spiked too", async () => {
    const all = await headlines(mine);
    assert.deepEqual(all.headlines.sort(), ["first", "second", "third"]);
  });

  await t.step("no source widens the list past the user's items on no desk", async () => {
    const other = { username: "other", password: "other-password-1" };
    await createUser(server.app.platform.registry, {
      ...other,
      email: "other@example.com",
      admin: true,
    });
    const login2 = ok(
      await send(`${server.url}/auth_db`, { method: "POST", body: other }),
      201,
      "login",
    );
    const auth2 = `Basic ${btoa(`${login2.token}:`)}`;
    ok(
      await send(`${server.url}/archive`, {
        method: "POST",
        auth: auth2,
        body: { type: "text", headline: "theirs" },
      }),
      201,
      "their item",
    );
    const mineOnly = ["first", "second", "third"];
    const wide = [
      { query: { bool: { should: [{ match_all: {} }, { term: { headline: "theirs" } }] } } },
      { query: { match_all: {} }, post_filter: { match_all: {} } },
      { query: { term: { original_creator: login2.user } } },
      { size: 1000, from: 0 },
    ];
    for (const source of wide) {
      const url = `${mine}?source=${encodeURIComponent(JSON.stringify(source))}`;
      const found = await headlines(url);
      assert.ok(found.headlines.every((h: string) => mineOnly.includes(h)), url);
      assert.equal(found.total, found.headlines.length, url);
    }
    const where = encodeURIComponent(JSON.stringify({ $or: [{ headline: "theirs" }] }));
    const source = encodeURIComponent(JSON.stringify({ query: { match_all: {} } }));
    assert.deepEqual((await headlines(`${mine}?source=${source}&where=${where}`)).headlines, []);

    const aggs = { size: 0, aggs: { by: { terms: { field: "original_creator" } } } };
    const counted = ok(
      await send(`${mine}?source=${encodeURIComponent(JSON.stringify(aggs))}`, { auth }),
      200,
      "aggregations",
    );
    assert.equal(counted._meta.total, 3);
    assert.ok(!JSON.stringify(counted).includes(login2.user), "no count of their items");

    for (const bad of ["{not json", JSON.stringify({ script_fields: { x: { script: "1" } } })]) {
      const answer = await send(`${mine}?source=${encodeURIComponent(bad)}`, { auth });
      assert.equal(answer.status, 400, bad);
    }
  });

  await t.step(
    "an item never saved (version 0) is not listed (Superdesk's elastic_filter)",
    async () => {
      await post("archive", { type: "text", headline: "unsaved", version: 0 });
      const source = encodeURIComponent(criteria("asc"));
      assert.deepEqual((await headlines(`${mine}?source=${source}`)).headlines, ["first", "third"]);
      assert.deepEqual((await headlines(mine)).headlines.sort(), ["first", "second", "third"]);
    },
  );

  await t.step("both ways answer Superdesk's resource title, user_content", async () => {
    for (const url of [mine, `${mine}?source=${encodeURIComponent(criteria("asc"))}`]) {
      const body = ok(await send(url, { auth }), 200, url);
      assert.equal(body._links.self.title, "user_content", url);
    }
  });
});
