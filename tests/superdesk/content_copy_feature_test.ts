/** Superdesk's features/content_copy.feature over HTTP. */
import { feature } from "./feature.ts";

feature("content_copy", (f) => {
  f.scenario(
    "Copy content in personal workspace and validate metadata set by API",
    ["auth"],
    async (s) => {
      await s.given(
        "archive",
        `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "draft"}]`,
      );
      await s.patchGiven("archive", `{"headline": "test2"}`);
      await s.patchLatest(`{"headline": "test3"}`);
      s.ok(`{"headline": "test3", "sign_off": "abc"}`, { updated: true });
      await s.post("/archive/123/copy", `{}`);
      await s.get("/archive/#copy._id#");
      s.existingResource(`{"state": "draft", "sign_off": "abc"}`);
      s.version(4);
      await s.get("/archive/#copy._id#?version=all");
      s.list(4);
      await s.get("/archive/");
      s.list(2);
    },
  );

  f.scenario("Copy item in a desk will show it in personal", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "submitted",
         "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.post("/archive/123/copy", `{}`);
    s.newResource();
    await s.get("/archive/");
    // Superdesk's copy has an empty task ("__empty__"); ours names its user, as every item's
    // task does (README "Content").
    s.list(
      2,
      `{"_items": [{"original_creator": "#CONTEXT_USER_ID#", "task": {"user": "#CONTEXT_USER_ID#"}, "family_id": "123"}]}`,
    );
  });
});
