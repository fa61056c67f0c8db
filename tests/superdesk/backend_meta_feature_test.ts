/** Superdesk's features/backend_meta.feature and client_config.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

feature("backend_meta", (f) => {
  f.scenario("Fetch backend meta", ["auth"], async (s) => {
    await s.get("/backend_meta");
    s.existingResource(`{}`);
    const names = s.response.body.modules.map((m: { name: string }) => m.name);
    assert.ok(names.includes("deno"), JSON.stringify(names));
  });
});

feature("client_config", (f) => {
  f.scenario("Read client config", [], async (s) => {
    await s.get("client_config");
    // Superdesk's test settings; ours where this server differs: no attachments (no
    // attachments_max_*), no Japanese reading time setting beyond the default, and the zone
    // from DEFAULT_TIMEZONE (the scenario app's host zone, checked against the config).
    s.existingResource(`{
      "config": {
        "xmpp_auth": false,
        "japanese_characters_per_minute": 600,
        "schema": {},
        "editor": {},
        "publish_content_expiry_minutes": 0,
        "workflow_allow_multiple_updates": false
      }
    }`);
    assert.equal(s.response.body.config.default_timezone, s.app.platform.config.defaultTimezone);
  });
});
