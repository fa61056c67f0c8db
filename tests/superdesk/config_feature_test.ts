/** Superdesk's features/config.feature over HTTP. */
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

  f.needs("Default values", "the client-settings defaults of `app:initialize_data config`");
});
