/**
 * Privileges Superdesk registers for something we serve, which the web client shows or hides
 * entries by: each is listed by `GET /api/privileges` with Superdesk's label (so the role editor
 * offers it) and held by an administrator (`active_privileges`, which the client reads). Those
 * the server checks are checked as Superdesk checks them: `metadata_uniquename` for a change of
 * `unique_name` (archive's `on_update`), `saved_searches_subscriptions` for one's own report
 * subscriptions (saved searches' `process_subscription`).
 */
import assert from "node:assert/strict";
import { addRole, addUser, authed, login, patchWithEtag, withApp } from "./_auth_fixtures.ts";

/** Name → Superdesk's label (apps/archive, apps/desks.py, apps/saved_searches, superdesk/io). */
const DECLARED = {
  metadata_uniquename: "Edit Unique Name",
  mark_for_user: "Mark items for users",
  masterdesk: "Master Desk",
  saved_searches_subscriptions: "Manage Saved Searches Subscriptions",
  saved_searches_subscriptions_admin: "Manage Saved Searches Subscriptions For Other Users",
  feed_parsers: "Ingest Feed Parsers",
  feeding_services: "Ingest Feed Services",
};

Deno.test("Superdesk's privileges for what we serve are listed and held by administrators", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "root", admin: true });
    const { token, sessionId } = await login(t, "root");
    const listed = await t.app.request("/api/privileges?max_results=200", authed(token));
    assert.equal(listed.status, 200);
    const labels = Object.fromEntries(
      (await listed.json())._items.map((p: { name: string; label: string }) => [p.name, p.label]),
    );
    for (const [name, label] of Object.entries(DECLARED)) assert.equal(labels[name], label, name);
    const prefs = await t.app.request(`/api/preferences/${sessionId}`, authed(token));
    assert.equal(prefs.status, 200);
    const active = (await prefs.json()).active_privileges;
    for (const name of Object.keys(DECLARED)) assert.equal(active[name], 1, name);
  });
});

Deno.test("saved search subscriptions need saved_searches_subscriptions, as Superdesk's", async () => {
  await withApp(async (t) => {
    const plain = await addRole(t, "Searchers", { saved_searches: 1 });
    const subscribing = await addRole(t, "Subscribers", {
      saved_searches: 1,
      saved_searches_subscriptions: 1,
    });
    const jane = await addUser(t, { username: "jane", role: plain });
    const john = await addUser(t, { username: "john", role: subscribing });
    for (const [username, userId, status] of [["jane", jane, 400], ["john", john, 200]] as const) {
      const { token } = await login(t, username);
      const created = await t.app.request(
        "/api/saved_searches",
        authed(token, {
          method: "POST",
          body: { name: `${username}'s`, filter: { query: { q: "x", repo: "archive" } } },
        }),
      );
      assert.equal(created.status, 201, await created.clone().text());
      const { _id } = await created.json();
      const subscribed = await patchWithEtag(t, token, `saved_searches/${_id}`, {
        subscribers: { user_subscriptions: [{ user: userId, scheduling: "0 8 * * *" }] },
      });
      // A PATCH hook's refusal is answered as Eve answers an exception raised in `on_update`.
      assert.equal(subscribed.status, status, `${username}: ${await subscribed.clone().text()}`);
      const answer = await subscribed.json();
      if (status === 400) {
        assert.match(
          answer._issues["validator exception"],
          /^403: .*"saved_searches_subscriptions"/,
        );
      } else assert.equal(answer.subscribers.user_subscriptions[0].user, userId);
    }
  });
});
