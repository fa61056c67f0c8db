/**
 * superdesk-client-core's Protractor spec ingest_provider ("add/remove ingest provider to
 * dashboard", "Change settings for Ingest Provider"), replayed as the client sends it, on the
 * embedded default and on the real engines (client paths at superdesk-client-core 997d498a4):
 * the ingest dashboard's source switch runs `setUserPreferences`
 * (scripts/apps/ingest/controllers/IngestDashboardController.ts:18-37), which PATCHes
 * `dashboard:ingest` as a list of the shown providers' settings; `fetchDashboardProviders`
 * (scripts/apps/ingest/services/IngestProviderService.ts:100-126) reads it back to mark them.
 * Superdesk keeps any value of a registered preference (`user_preferences` is an
 * `allow_unknown` dict), although `dashboard:ingest`'s default is `{providers: []}`.
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "ingest dashboard: a source switched on and off",
  async (t, { session: { login, auth, url } }) => {
    const prefsUrl = `${url("preferences")}/${login._id}`;
    const shown = {
      _id: "65a110d5bb1238d8ec993890",
      show_log_messages: false,
      show_ingest_count: true,
      show_time: true,
      log_messages: "error",
      show_status: true,
    };
    let etag = "";

    await t.step("the default is Superdesk's {providers: []}", async () => {
      const prefs = ok(await send(prefsUrl, { auth }), 200, "preferences");
      assert.deepEqual(prefs.user_preferences["dashboard:ingest"], { providers: [] });
      etag = prefs._etag;
    });

    /** `setUserPreferences`: PATCHes `dashboard:ingest` with `list`; returns the answer. */
    const save = async (list: unknown[], what: string) => {
      const patched = ok(
        await send(prefsUrl, {
          method: "PATCH",
          auth,
          etag,
          body: { user_preferences: { "dashboard:ingest": list } },
        }),
        200,
        what,
      );
      assert.deepEqual(patched.user_preferences["dashboard:ingest"], list);
      etag = patched._etag;
    };

    await t.step("switched on: PATCH dashboard:ingest with the list", async () => {
      await save([shown], "switch on");
      const read = ok(await send(prefsUrl, { auth }), 200, "preferences");
      assert.deepEqual(read.user_preferences["dashboard:ingest"], [shown]);
    });

    await t.step("settings changed, then switched off: the list replaced each time", async () => {
      await save([{ ...shown, show_time: false }], "settings");
      await save([], "switch off");
      const read = ok(await send(prefsUrl, { auth }), 200, "preferences");
      assert.deepEqual(read.user_preferences["dashboard:ingest"], []);
    });
  },
);
