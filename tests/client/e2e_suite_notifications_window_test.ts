/**
 * What superdesk-client-core's Protractor suite found wrong in the notification badge
 * (`specs/notifications_spec.ts` "create a new user mention"): its dump holds three
 * "Created Ingest Channel" entries of January 2024 with every user an unread recipient; the
 * client's `UserNotificationsService.reload` (`GET /api/activity?where={"recipients.user_id":
 * me}&max_results=8&embedded={"user":1}`) counted them, the badge showed 3 where the spec expects
 * none. Superdesk's `ActivityResource` reads only the last day (datasource filter `_created >=
 * utcnow() - 1 day`), for lists, item reads and the PATCH marking one read. Replayed on the
 * embedded default and the real engines.
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("notifications older than a day are not read back", async (t, { server, session }) => {
  const { auth, url, login } = session;
  const me = String(login.user._id ?? login.user);
  const activity = server.app.platform.documents.collection("activity");
  const entry = (id: string, created: Date) => ({
    _id: id,
    name: "create",
    message: "Created Ingest Channel {{name}}",
    data: { name: id },
    recipients: [{ user_id: me, read: false }],
    resource: "ingest_providers",
    _created: created,
    _updated: created,
    _etag: id,
  });
  const old = new Date("2024-01-12T10:13:41Z");
  const recent = new Date(Date.now() - 60 * 60 * 1000);
  await activity.insertMany([
    entry("6b0000000000000000000001", old),
    entry("6b0000000000000000000002", old),
    entry("6b0000000000000000000003", recent),
  ]);
  const where = encodeURIComponent(JSON.stringify({ "recipients.user_id": me }));
  const query = `?where=${where}&max_results=8&embedded=${encodeURIComponent('{"user":1}')}`;

  await t.step("the client's notification query lists the last day's entry only", async () => {
    const listed = items(await send(`${url("activity")}${query}`, { auth }), "activity");
    const ids = listed.map((doc: { _id: string }) => doc._id);
    assert.deepEqual(ids.filter((id: string) => id.startsWith("6b00")), [
      "6b0000000000000000000003",
    ]);
  });

  await t.step("an old entry is not found, nor marked read", async () => {
    const path = `${url("activity")}/6b0000000000000000000001`;
    assert.equal((await send(path, { auth })).status, 404);
    const patch = await send(path, {
      method: "PATCH",
      auth,
      etag: "6b0000000000000000000001",
      body: { recipients: [{ user_id: me, read: true }] },
    });
    assert.equal(patch.status, 404);
    assert.equal((await send(`${url("activity")}/6b0000000000000000000003`, { auth })).status, 200);
  });
});
