/** Superdesk's features/content_autosave.feature over HTTP. */
import { feature } from "./feature.ts";

const NEEDS_LOCK =
  "it autosaves an item nobody has locked; here only the user holding the lock may autosave " +
  "(issue #13), as the web client only autosaves a locked item (tests/content/autosave_test.ts " +
  "covers the same steps with the lock taken first)";

feature("content_autosave", (f) => {
  f.wrong("Autosave item", NEEDS_LOCK);

  f.scenario("Autosave does not accept invalid item", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.givenEmpty("archive_autosave");
    await s.post("/archive_autosave", `{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.code(404);
  });

  f.wrong("Keep autosave on locked item", NEEDS_LOCK);
  f.wrong("Clean autosave on item save", NEEDS_LOCK);
});
