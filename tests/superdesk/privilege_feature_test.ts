/** Superdesk's features/privilege.feature over HTTP. */
import { feature } from "./feature.ts";

feature("privilege", (f) => {
  f.needs(
    "Get list of all privileges",
    "the ingest privilege, declared once ingest has its module (GET /api/privileges lists the rest)",
  );

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
