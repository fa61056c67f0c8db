/** Superdesk's features/rule_sets.feature over HTTP. */
import { feature } from "./feature.ts";

const RULE_SET = `[{"name": "set name", "rules": [{"old": "x", "new": "X"}]}]`;

feature("rule_sets", (f) => {
  f.scenario("List empty rule_sets", ["auth"], async (s) => {
    await s.givenEmpty("rule_sets");
    await s.get("/rule_sets");
    s.list(0);
  });

  f.scenario("List rule_sets", ["auth"], async (s) => {
    await s.post("/rule_sets", RULE_SET);
    s.code(201);
    await s.get("/rule_sets/");
    s.existingResource(`{"_items": [{"name": "set name", "rules": [{"old": "x", "new": "X"}]}]}`);
  });

  f.scenario("Delete rule_sets", ["auth"], async (s) => {
    await s.given("rule_sets", RULE_SET);
    await s.delete("/rule_sets/#rule_sets._id#");
    s.code(204);
  });

  f.scenario("Delete rule_sets when in use", ["auth"], async (s) => {
    await s.given("rule_sets", `[{"name": "set name"}]`);
    await s.given(
      "ingest_providers",
      `[{"name": "test", "feeding_service": "reuters_http", "feed_parser": "newsml2",
        "rule_set": "#rule_sets._id#"}]`,
    );
    await s.delete("/rule_sets/#rule_sets._id#");
    s.code(403);
  });

  f.scenario("Patch rule_sets", ["auth"], async (s) => {
    await s.given("rule_sets", RULE_SET);
    await s.patch(
      "/rule_sets/#rule_sets._id#",
      `{"rules": [{"old": "x", "new": "X"}, {"old": "y", "new": "yt"}]}`,
    );
    s.code(200);
    await s.get("/rule_sets/#rule_sets._id#");
    s.existingResource(
      `{"name": "set name", "rules": [{"old": "x", "new": "X"}, {"old": "y", "new": "yt"}]}`,
    );
  });
});
