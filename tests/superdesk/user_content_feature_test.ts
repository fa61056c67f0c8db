/** Superdesk's features/user_content.feature over HTTP. */
import { feature } from "./feature.ts";

const MY_ITEM =
  `{"_items": [{"_links": {"self": {"href": "/archive/#archive._id#", "title": "Archive"}}}]}`;

feature("user_content", (f) => {
  f.scenario("List my new content", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.post("/archive", `{"headline": "show my content", "type": "text"}`);
    s.newResource();
    await s.getUser("content");
    s.list(1, MY_ITEM);
    await s.switchUser();
    await s.getUser("content");
    s.list(0);
  });

  f.scenario(
    'List my new content when having content with stages Given empty "desks"',
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.givenEmpty("stages");
      await s.given("desks", `[{"name": "Sports Desk"}]`);
      await s.post(
        "archive",
        `[{"slugline": "first doc", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#desks.incoming_stage#"}}]`,
      );
      await s.post("archive", `[{"slugline": "second doc", "type": "text"}]`);
      await s.getUser("content");
      s.list(1, MY_ITEM);
    },
  );

  f.scenario("Hide new content version 0", ["auth"], async (s) => {
    await s.post("/archive", `{"type": "text", "version": 0, "guid": "item1"}`);
    s.newResource(`{"_current_version": 0, "version": 0}`);
    await s.getUser("content");
    s.list(0);
    await s.patch("/archive/item1", `{"headline": "test"}`);
    s.ok(`{"_current_version": 1, "version": 1}`, { updated: true });
    await s.getUser("content");
    s.list(1);
  });
});
