/**
 * Superdesk's features/macros.feature over HTTP, on the built-in macros (src/macros/builtin/);
 * `usd_to_cad` converts at 2 (`USD_TO_CAD_RATE`), the rate Superdesk's behave runs fix
 * (`BEHAVE_TESTING`).
 */
import { feature } from "./feature.ts";

feature("macros", (f) => {
  f.scenario("Get list of all macros", ["auth"], async (s) => {
    await s.get("/macros");
    s.list(
      "2+",
      `{"_items":
        [{"name": "usd_to_cad",
          "label": "Currency USD to CAD",
          "description": "Convert USD to CAD."},
         {"name": "acre_to_metric", "group": "area"}
        ]}`,
    );
  });

  f.scenario("Get list of all macros by desk", ["auth"], async (s) => {
    await s.get("/macros?desk=POLITICS");
    s.list(
      "2+",
      `{"_items": [{"name": "populate_abstract", "label": "Populate Abstract", "description": "Populate the abstract field with the first sentence of the body"}]}`,
    );
  });

  f.wrong(
    "Get list of updated macros",
    "it writes a Python macro file for Superdesk to re-import on the next request; apps " +
      "register their macros once, at start",
  );

  f.scenario("Trigger macro via name", ["auth"], async (s) => {
    await s.post(
      "/macros",
      `{"macro": "usd_to_cad",
        "item": {"body_html": "$10 bar", "headline": "foo $5"}}`,
    );
    s.newResource(
      `{"item": {"body_html": "$10 (CAD 20) bar", "headline": "foo $5 (CAD 10)"},
        "diff": {"$10": "$10 (CAD 20)", "$5": "$5 (CAD 10)"}}`,
    );
  });

  f.scenario("Trigger macro and commit", ["auth"], async (s) => {
    // `Given "archive"` would make a personal item with no creator, which nobody may see here
    // (see content_lock): the user posts it, so it is their own.
    await s.post("/archive", `{"_id": "item1", "type": "text"}`);
    s.code(201);
    await s.post(
      "/macros",
      `{"macro": "usd_to_cad",
        "item": {"_id": "item1", "body_html": "$10"}, "commit": true}`,
    );
    s.newResource();
    await s.get("/archive/item1");
    s.existingResource(`{"body_html": "$10 (CAD 20)"}`);
  });

  f.scenario("Return an error when triggering unknown macro", ["auth"], async (s) => {
    await s.post("/macros", `{"macro": "this does not exist!", "item": {"body_html": "test"}}`);
    s.code(400);
  });
}, { env: { USD_TO_CAD_RATE: "2" } });
