/** Superdesk's features/content_autosave.feature over HTTP. */
import { feature } from "./feature.ts";

const ITEM = `[{"_id": "item-1", "guid": "item-1", "headline": "test"}]`;

feature("content_autosave", (f) => {
  f.scenario("Autosave item", ["auth"], async (s) => {
    await s.givenEmpty("archive_autosave");
    await s.given("archive", ITEM);
    await s.post("/archive_autosave", `{"_id": "item-1", "guid": "item-1", "headline": "test2"}`);
    s.existingResource(
      `{"_id": "item-1", "_type": "archive", "guid": "item-1", "headline": "test2"}`,
    );
    await s.get("/archive_autosave/item-1");
    s.existingResource(`{"_id": "item-1", "headline": "test2", "_type": "archive"}`);
  });

  f.scenario("Autosave does not accept invalid item", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.givenEmpty("archive_autosave");
    await s.post("/archive_autosave", `{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.code(404);
  });

  f.scenario("Keep autosave on locked item", ["auth"], async (s) => {
    await s.givenEmpty("archive_autosave");
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "task": {"status": "done"}}]`,
    );
    await s.post("/archive_autosave", `{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.existingResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    await s.post("/archive/item-1/lock", `{}`);
    s.itemLocked(true);
    await s.get("/archive_autosave/item-1");
    s.existingResource(`{"headline": "test"}`);
  });

  f.scenario("Clean autosave on item save", ["auth"], async (s) => {
    await s.givenEmpty("archive_autosave");
    await s.given("archive", ITEM);
    await s.post("/archive_autosave", `{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.existingResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    await s.patch("/archive/item-1", `{"guid": "item-1", "headline": "test"}`);
    s.ok();
    await s.get("/archive_autosave/item-1");
    s.code(404);
  });
});
