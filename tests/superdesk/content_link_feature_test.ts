/** Superdesk's features/content_link.feature over HTTP: unlinking an update from its story. */
import { notPopulated, rewrite } from "./_rewrite_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

/** The story 123 of the feature, on the Sports desk. */
async function story(s: Scenario) {
  await s.given("desks", `[{"name": "Sports"}]`);
  await s.given(
    "archive",
    `[{"guid": "123", "type": "text", "headline": "test1", "slugline": "comics",
      "state": "fetched", "subject":[{"qcode": "17004000", "name": "Statistics"}],
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "body_html": "Story-1"}]`,
  );
}

/** `we rewrite "123"`, the links checked, `we delete link` and the links gone. */
async function rewriteAndUnlink(s: Scenario) {
  await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
  await s.get("/archive/#REWRITE_ID#");
  s.existingResource(
    `{"_id": "#REWRITE_ID#", "rewrite_of": "123", "headline": "test1", "rewrite_sequence": 1,
      "anpa_take_key": "update"}`,
  );
  await s.get("/archive/123");
  s.existingResource(`{"_id": "123", "rewritten_by": "#REWRITE_ID#"}`);
  await s.deleteLink("archive/#REWRITE_ID#/rewrite");
  s.code(204);
  await s.get("/archive/#REWRITE_ID#");
  notPopulated(s, "rewrite_of");
  notPopulated(s, "anpa_take_key");
  notPopulated(s, "rewrite_sequence");
  await s.get("/archive/123");
  notPopulated(s, "rewritten_by");
}

feature("content_link", (f) => {
  f.scenario("Unlink an update of an unpublished story", ["auth"], async (s) => {
    await story(s);
    await rewriteAndUnlink(s);
  });

  f.scenario("Unlink an update of a published story", ["auth"], async (s) => {
    await story(s);
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}}]`,
    );
    await s.publish("123", "publish", "published");
    s.ok();
    await rewriteAndUnlink(s);
    await s.get("/published/123");
    notPopulated(s, "rewritten_by");
  });

  f.scenario("Unlink ignores item in a normal package", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "test desk"}]`);
    await s.postWithSuccess(
      "archive",
      `[{"headline": "test", "guid": "123", "slugline": "WORMS"},
        {"headline": "test", "guid": "456", "slugline": "SNAILS"}]`,
    );
    await s.postWithSuccess(
      "archive",
      `{"groups": [
          {"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
          {"id": "main", "refs": [
            {"headline": "test package with text", "residRef": "123", "slugline": "WORMS"},
            {"headline": "test package with text", "residRef": "456", "slugline": "SNAILS"}],
           "role": "grpRole:Main"}],
        "guid": "789", "type": "composite", "task": {"user": "#user._id#", "desk": "#desks._id#"}}`,
    );
    await s.deleteLink("archive/456/rewrite");
    s.code(400, `{"_message": "Only updates can be unlinked!"}`);
  });
});
