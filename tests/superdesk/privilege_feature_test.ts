/** Superdesk's features/privilege.feature over HTTP. */
import { feature } from "./feature.ts";

feature("privilege", (f) => {
  f.scenario("Get list of all privileges", ["auth"], async (s) => {
    await s.get("/privileges");
    s.list("10+", `{"_items": [{"name": "ingest"}, {"name": "archive"}]}`);
  });

  f.scenario("Post to a resource without required privilege", ["auth"], async (s) => {
    await s.haveUserType("user");
    await s.post("/users", `{"username": "foo"}`);
    s.code(403);
  });

  f.scenario("Post to a resource having role with required privilege", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Manager", "privileges": {"users": 1}}]`);
    await s.haveRole("Manager");
    await s.haveUserType("user");
    await s.post("/users", `{"username": "foo", "email": "foo@example.com", "sign_off": "abc"}`);
    s.code(201);
  });
});
