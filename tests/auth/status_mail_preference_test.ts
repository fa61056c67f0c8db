/**
 * The account-status e-mail honours the user's `email:notification` preference as the client
 * sets it (through `/preferences`, stored by the preferences app), on both setups. Without a
 * mail server the e-mail is logged as not sent, with its subject: the log tells whether it was
 * attempted.
 */
import assert from "node:assert/strict";
import { type engineTestApp, onEachEngine, withEngineApp } from "../_engine_app.ts";
import { clientFor } from "../_client.ts";
import { captureLog } from "../apps/_apps_fixture.ts";
import { addUser, PASSWORD } from "./_auth_fixtures.ts";

onEachEngine(
  "status e-mails follow the email:notification preference set by the client",
  (engine) => {
    const { log, records } = captureLog();
    return withEngineApp(engine, async (t) => {
      await addUser(t, { username: "admin_1", admin: true });
      const admin = clientFor(t, await sessionOf(t, "admin_1").then((s) => s.token));
      const quietId = await addUser(t, { username: "quiet_1" });
      const loudId = await addUser(t, { username: "loud_1" });

      const quiet = await sessionOf(t, "quiet_1");
      const prefs = await clientFor(t, quiet.token).get(`/api/preferences/${quiet._id}`);
      const etag = (await prefs.json())._etag;
      const off = await clientFor(t, quiet.token).patch(
        `/api/preferences/${quiet._id}`,
        { user_preferences: { "email:notification": { enabled: false } } },
        { etag },
      );
      assert.equal(off.status, 200, await off.clone().text());
      await off.body?.cancel();

      const attempts = () =>
        records.items.filter((r) => r.msg.startsWith("e-mail not sent")).map((r) => r.subject);
      const disable = async (id: string) => {
        const user = await (await admin.get(`/api/users/${id}`)).json();
        const disabled = await admin.patch(`/api/users/${id}`, { is_enabled: false }, {
          etag: user._etag,
        });
        assert.equal(disabled.status, 200, await disabled.clone().text());
        await disabled.body?.cancel();
      };
      await disable(quietId);
      assert.deepEqual(attempts(), [], "quiet_1 turned e-mails off");
      await disable(loudId);
      assert.deepEqual(attempts(), ["Your Superdesk account is disabled"]);
    }, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: "1000" }, log });
  },
);

async function sessionOf(
  t: Awaited<ReturnType<typeof engineTestApp>>,
  username: string,
): Promise<{ token: string; _id: string }> {
  const response = await clientFor(t).post("/api/auth_db", { username, password: PASSWORD });
  assert.equal(response.status, 201, await response.clone().text());
  return await response.json();
}
