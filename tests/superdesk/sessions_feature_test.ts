/** Superdesk's features/sessions.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

feature("sessions", (f) => {
  f.scenario("See who is online", ["auth"], async (s) => {
    await s.get("/sessions");
    s.list(1, `{"_items": [{"user": {"username": "test_user", "_id": "__any_value__"}}]}`);
  });

  f.scenario("Fetch single session by session id", ["auth"], async (s) => {
    // Given we have sessions "/sessions"
    await s.get("/sessions");
    const sessionId = s.response.body._items[0]._id;
    // Then we get session by id
    await s.get(`sessions/${sessionId}`);
    assert.equal(s.response.body._id, sessionId);
  });
});
