/** Superdesk's features/workspace.feature over HTTP. */
import { feature } from "./feature.ts";

feature("workspace", (f) => {
  f.scenario("User can create its workspace", ["auth"], async (s) => {
    await s.post("/workspaces", `{"user": "#CONTEXT_USER_ID#", "name": "test", "widgets": []}`);
    s.newResource();
  });

  f.scenario("User can't change other users workspace", ["auth"], async (s) => {
    await s.given("users", `[{"username": "foo"}]`);
    await s.post("/workspaces", `{"user": "#users._id#"}`);
    s.code(403);
  });

  f.scenario("Workspace name should be unique per user", ["auth"], async (s) => {
    await s.post("/workspaces", `{"user": "#CONTEXT_USER_ID#", "name": "test"}`);
    await s.post("/workspaces", `{"user": "#CONTEXT_USER_ID#", "name": "test"}`);
    s.code(400);
  });

  f.scenario("Workspace name should be unique globally", ["auth"], async (s) => {
    await s.post("/workspaces", `{"name": "test"}`);
    await s.post("/workspaces", `{"name": "test"}`);
    s.code(400);
  });

  f.scenario("Deleting workspace works", ["auth"], async (s) => {
    await s.post("/workspaces", `{"name": "test"}`);
    await s.deleteLatest();
    s.code(204);
    await s.post("/workspaces", `{"name": "test"}`);
    s.newResource();
  });
});
