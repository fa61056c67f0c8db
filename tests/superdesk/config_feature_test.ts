/** Superdesk's features/config.feature over HTTP. */
import { initializeClientSettings } from "../../src/shell/client_settings.ts";
import { feature } from "./feature.ts";

feature("config", (f) => {
  f.scenario("Non-existing config return None", ["auth"], async (s) => {
    await s.get("/config/foo");
    s.existingResource(`{"_id": "foo", "val": null}`);
  });

  f.scenario("Read config without auth", [], async (s) => {
    await s.get("/config/foo");
    s.existingResource(`{"_id": "foo", "val": null}`);
  });

  f.scenario("Get config", ["auth"], async (s) => {
    await s.given("config", `[{"_id": "foo", "val": {"bar": 1}}]`);
    await s.get("/config/foo");
    s.existingResource(`{"val": {"bar": 1}}`);
  });

  f.scenario("Set config", ["auth"], async (s) => {
    await s.post("/config", `{"_id": "foo", "val": {"bar": 1}}`);
    s.newResource();
    await s.get("/config/foo");
    s.existingResource(`{"_id": "foo", "val": {"bar": 1}}`);
    await s.post("/config", `{"_id": "foo", "val": {"bar": 2}}`);
    s.newResource();
    await s.get("/config/foo");
    s.existingResource(`{"_id": "foo", "val": {"bar": 2}}`);
  });

  f.scenario("Default values", ["auth"], async (s) => {
    // `we init data "config"`: the part of `app:initialize_data` that stores the client settings.
    await initializeClientSettings(s.app.platform.registry);
    await s.get("/config/client-settings");
    s.existingResource(
      `{"_id": "client-settings", "val": {"defaultRoute": "/workspace", "auth": {"google": false}}}`,
    );
    await s.post("/config", `{"_id": "client-settings", "val": {"auth.google": true}}`);
    await s.get("/config/client-settings");
    s.existingResource(
      `{"_id": "client-settings", "val": {"defaultRoute": "/workspace", "auth": {"google": true}}}`,
    );
    await s.post("/config", `{"_id": "client-settings", "val": {"defaultRoute": "/settings"}}`);
    await s.get("/config/client-settings");
    s.existingResource(
      `{"_id": "client-settings", "val": {"defaultRoute": "/settings", "auth": {"google": true}}}`,
    );
  });
});
