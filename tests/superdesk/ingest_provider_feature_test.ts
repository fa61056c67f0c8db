/**
 * Superdesk's features/ingest_provider.feature over HTTP. A provider's `config.password` is left
 * out of the answers Superdesk's scenarios expect: credentials never leave the server (README,
 * Ingest; issue #16). Superdesk's e-mail steps read the mail of the last request (its outbox);
 * ours read what reached `test_user`'s address, made unique to the run, since the last look.
 */
import assert from "node:assert/strict";
import { inbox, MAIL_MISSING, mailbox, mailEnv } from "./_mail_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const MAIL = { env: mailEnv(), ignore: MAIL_MISSING };
const ACTIVITY_BY_ME = `{"event": "activity",
  "extra": {"_dest": [{"user_id": "#CONTEXT_USER_ID#", "read": false}]}}`;
const CREATED = `{"event": "ingest_provider:create",
  "extra": {"provider_id": "#ingest_providers._id#"}}`;
const UPDATED = `{"event": "ingest_provider:update",
  "extra": {"provider_id": "#ingest_providers._id#"}}`;

/** Gives `test_user` an address of the run's own; returns a reader of the mail since last read. */
async function testUserMail(s: Scenario) {
  const email = mailbox("behave_test@sourcefabric.org");
  await s.patch("/users/#CONTEXT_USER_ID#", `{"email": "${email}"}`);
  s.code(200);
  let seen = 0;
  const since = async () => {
    const all = await inbox(email);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh.map((message) => message.text);
  };
  return {
    since,
    /** `we get emails`: each body is in one of the new messages. */
    async expect(...bodies: string[]) {
      const fresh = await since();
      for (const body of bodies) {
        assert.ok(fresh.some((text) => text.includes(body)), `${body} not in ${fresh}`);
      }
    },
    /** `we get <count> emails`. */
    async count(count: number) {
      const fresh = await since();
      assert.equal(fresh.length, count, JSON.stringify(fresh));
    },
  };
}
const REUTERS_4 = `"name": "reuters 4", "source": "reuters", "is_closed": false,
  "config": {"username": "foo", "password": "bar"},
  "feeding_service": "reuters_http", "feed_parser": "newsml2"`;

feature("ingest_provider", (f) => {
  f.scenario("List empty providers", ["auth"], async (s) => {
    await s.givenEmpty("ingest_providers");
    await s.get("/ingest_providers");
    s.list(0);
  });

  f.scenario("Create new ingest_provider", ["auth", "notification"], async (s) => {
    const mail = await testUserMail(s);
    await s.givenEmpty("ingest_providers");
    await s.post(
      "ingest_providers",
      `[{"name": "reuters 4", "source": "reuters", "feeding_service": "reuters_http",
        "feed_parser": "newsml2", "is_closed": false, "content_expiry": 0,
        "config": {"username": "foo", "password": "bar"}}]`,
    );
    await mail.expect("Created Ingest Channel reuters 4");
    await s.get("/ingest_providers");
    s.list(
      1,
      `{"_items": [{"name": "reuters 4", "content_expiry": 2880, "source": "reuters",
        "is_closed": false, "config": {"username": "foo", "password": "__no_value__"},
        "notifications": {"on_update": true, "on_error": true, "on_close": true, "on_open": true},
        "last_opened": {"opened_by": "#CONTEXT_USER_ID#"}}]}`,
    );
    s.resources.ingest_providers = s.response.body._items[0];
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [{"data": {"name": "reuters 4"}, "message": "Created Ingest Channel {{name}}"}]}`,
    );
    await s.notifications(`[${ACTIVITY_BY_ME}, ${CREATED}]`);
  }, MAIL);

  // Superdesk's Given stores {"name": "bar", "source": "bar", "is_closed": false} unvalidated;
  // ours validates, so the given provider names a feeding service and skips its test, and the
  // PATCH turns the test back on (as the given provider in Superdesk never had it off).
  f.scenario("Test provider config on save", ["auth"], async (s) => {
    await s.given(
      "ingest_providers",
      `[{"name": "bar", "source": "bar", "is_closed": false, "feeding_service": "file", "skip_config_test": true}]`,
    );
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"feeding_service": "rss", "config": {"url": "http://localhost:1234"}, "skip_config_test": false}`,
    );
    s.code(400);
    await s.post(
      "ingest_providers",
      `{"name": "foo", "source": "foo", "feeding_service": "rss", "is_closed": false, "config": {"url": "http://localhost:1234"}}`,
    );
    s.code(400);
    await s.post(
      "ingest_providers",
      `{"name": "foo", "source": "foo", "feeding_service": "rss", "is_closed": false, "config": {"url": "http://localhost:1234"}, "skip_config_test": true}`,
    );
    s.ok();
  });

  f.scenario("Update ingest_provider aliases", ["auth"], async (s) => {
    await s.given(
      "ingest_providers",
      `[{"config": {"field_aliases": [{"content": "body_text"}]}, "is_closed": false,
        "name": "reuters 4", "source": "reuters", "feeding_service": "reuters_http",
        "feed_parser": "newsml2"}]`,
    );
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"config": {"field_aliases": [{"summary": "summary_alias"}, {"title": "headline"}]}}`,
    );
    // `expect json in "config/field_aliases"`: the value at the path, exactly.
    assert.deepEqual(s.ok().config.field_aliases, [
      { summary: "summary_alias" },
      { title: "headline" },
    ]);
  });
  f.scenario("Update ingest_provider", ["auth", "notification"], async (s) => {
    const mail = await testUserMail(s);
    await s.given("ingest_providers", `[{${REUTERS_4}}]`);
    await mail.since();
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"name": "the test of the test ingest_provider modified", "content_expiry": 0}`,
    );
    s.ok(
      `{"name": "the test of the test ingest_provider modified", "content_expiry": 2880}`,
      { updated: true },
    );
    await mail.expect("updated Ingest Channel the test of the test ingest_provider modified");
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [{"data": {"name": "the test of the test ingest_provider modified"},
        "message": "updated Ingest Channel {{name}}"}]}`,
    );
    await s.notifications(`[${ACTIVITY_BY_ME}, ${CREATED}, ${UPDATED}]`);
  }, MAIL);
  f.scenario("Update critical errors for ingest_provider", ["auth", "notification"], async (s) => {
    await s.given("ingest_providers", `[{${REUTERS_4}}]`);
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"critical_errors": {"6000": true, "6001": true}}`,
    );
    s.ok(`{"critical_errors": {"6000": true, "6001": true}}`, { updated: true });
  });
  f.scenario("Open/Close ingest_provider", ["auth", "notification"], async (s) => {
    const mail = await testUserMail(s);
    await s.given("ingest_providers", `[{${REUTERS_4}}]`);
    await mail.since();
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"is_closed": true, "last_closed": {"message": "system misbehaving."}}`,
    );
    s.ok(
      `{"is_closed": true,
        "last_closed": {"closed_by": "#CONTEXT_USER_ID#", "message": "system misbehaving."}}`,
      { updated: true },
    );
    await mail.expect("updated Ingest Channel reuters 4", "closed Ingest Channel reuters 4");
    await s.get("/activity/");
    s.existingResource(
      `{"_items": [
        {"data": {"name": "reuters 4"}, "message": "updated Ingest Channel {{name}}"},
        {"data": {"status": "closed", "name": "reuters 4"},
          "message": "{{status}} Ingest Channel {{name}}"}]}`,
    );
    await s.notifications(`[${ACTIVITY_BY_ME}, ${CREATED}, ${UPDATED}]`);
  }, MAIL);
  f.scenario(
    "Switch Off Notification on update ingest_provider",
    ["auth", "notification"],
    async (s) => {
      const mail = await testUserMail(s);
      await s.givenEmpty("ingest_providers");
      await s.given(
        "ingest_providers",
        `[{${REUTERS_4}, "notifications":
          {"on_update": false, "on_error": false, "on_close": false, "on_open": false}}]`,
      );
      await mail.since();
      const name = "the test of the test ingest_provider modified";
      await s.patch("/ingest_providers/#ingest_providers._id#", `{"name": "${name}"}`);
      s.ok(`{"name": "${name}"}`, { updated: true });
      await s.get("/activity/");
      s.existingResource(
        `{"_items": [{"data": {"name": "${name}"}, "message": "updated Ingest Channel {{name}}"}]}`,
      );
      await mail.count(0);
      for (const [closed, status] of [[true, "closed"], [false, "opened"]] as const) {
        await s.patch("/ingest_providers/#ingest_providers._id#", `{"is_closed": ${closed}}`);
        s.ok(`{"is_closed": ${closed}}`, { updated: true });
        await s.get("/activity/");
        s.existingResource(
          `{"_items": [{"data": {"name": "${name}", "status": "${status}"},
            "message": "{{status}} Ingest Channel {{name}}"}]}`,
        );
        await mail.count(0);
      }
    },
    MAIL,
  );
  f.scenario(
    "Delete an Ingest Provider which hasn't received items",
    ["auth", "notification"],
    async (s) => {
      await s.givenEmpty("ingest_providers");
      await s.post("ingest_providers", `[{${REUTERS_4}}]`);
      await s.get("/ingest_providers");
      s.list(1);
      s.resources.ingest_providers = s.response.body._items[0];
      await s.delete("/ingest_providers/#ingest_providers._id#");
      s.code(204);
      await s.get("/activity/");
      s.existingResource(
        `{"_items": [{"data": {"name": "reuters 4"}, "message": "Deleted Ingest Channel {{name}}"}]}`,
      );
      await s.notifications(
        `[${ACTIVITY_BY_ME}, {"event": "ingest_provider:delete",
          "extra": {"provider_id": "#ingest_providers._id#"}}]`,
      );
    },
  );
  f.scenario(
    "Disabled/Inactive Administrators don't receive emails when an Ingest Provider is created",
    ["auth", "notification"],
    async (s) => {
      const mail = await testUserMail(s);
      await s.givenEmpty("ingest_providers");
      const foo = mailbox("foo@bar.com");
      await s.post(
        "/users",
        `{"username": "foo", "email": "${foo}", "sign_off": "fb", "user_type": "administrator",
          "is_active": false, "is_enabled": false}`,
      );
      const fooBefore = (await inbox(foo)).length;
      await s.post("ingest_providers", `[{${REUTERS_4}}]`);
      await mail.count(1);
      assert.equal((await inbox(foo)).length, fooBefore, "the disabled administrator got mail");
    },
    MAIL,
  );
  // The listed provider's `config.password` is left out of the expected answer: credentials
  // never leave the server (README, Ingest; issue #16).
  f.scenario("Creating a Ingest Provider with same name fails", ["auth"], async (s) => {
    await s.givenEmpty("ingest_providers");
    const provider = `[{"name": "reuters 4", "source": "reuters", "feeding_service": "reuters_http",
      "feed_parser": "newsml2", "is_closed": false, "content_expiry": 0,
      "config": {"username": "foo", "password": "bar"}}]`;
    await s.post("ingest_providers", provider);
    await s.get("/ingest_providers");
    s.list(
      1,
      `{"_items": [{"name": "reuters 4", "content_expiry": 2880, "source": "reuters",
        "is_closed": false, "config": {"username": "foo", "password": "__no_value__"},
        "notifications": {"on_update": true, "on_error": true, "on_close": true, "on_open": true},
        "last_opened": {"opened_by": "#CONTEXT_USER_ID#"}}]}`,
    );
    await s.post("ingest_providers", provider);
    s.code(400, `{"_issues": {"name": {"unique": 1}}, "_status": "ERR"}`);
  });
});
