/**
 * Superdesk's features/usage_metrics.feature: a usage record counts on its item, silently. The
 * spec names another user in the body; we record the session's user instead (README), which the
 * spec does not read back.
 */
import { feature } from "./feature.ts";

feature("usage_metrics", (f) => {
  f.scenario("Track item activity", ["auth", "notification"], async (s) => {
    await s.given("users", `[{"username": "foo"}]`);
    await s.given("archive", `[{"_id": "abcd"}]`);
    await s.patch(
      "archive/abcd",
      `{"headline": "do some action to avoid user last activity notification later"}`,
    );
    s.ok();

    s.resetNotifications();
    await s.post(
      "/usage-metrics",
      `{
        "action": "preview",
        "user": "#users._id#",
        "item": "#archive._id#",
        "date": "2021-03-01T12:56:00+0000"
      }`,
    );
    s.newResource();

    await s.get("archive/abcd");
    s.existingResource(`{"metrics": {"preview": 1}}`);
    await s.notificationCount(0);
  });
});
