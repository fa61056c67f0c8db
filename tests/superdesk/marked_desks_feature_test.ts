/** Superdesk's features/marked_desks.feature over HTTP (`POST /api/marked_for_desks`). */
import { feature } from "./feature.ts";

feature("marked_desks", (f) => {
  f.scenario("Mark a story for a desk", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("archive", `[{"headline": "test"}]`);
    await s.postWithSuccess(
      "/marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    s.newResource(`{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}`);
    await s.get("archive");
    s.list(
      1,
      `{"_items": [{"headline": "test",
        "marked_desks": [{"desk_id": "#desks._id#", "user_marked": "#user._id#"}]}]}`,
    );
    await s.post(
      "marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    await s.get("archive");
    s.list(1, `{"_items": [{"marked_desks": []}]}`);
  });
});
