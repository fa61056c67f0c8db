/** Superdesk's features/role.feature over HTTP. */
import { feature } from "./feature.ts";

feature("role", (f) => {
  f.scenario("List empty user roles", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.get("/roles");
    s.list(0);
  });

  f.scenario("Set privileges to a given role", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Admin"}]`);
    await s.patchGiven("roles", `{"privileges": {"ingest":  1, "archive": 1}}`);
    await s.getGiven("roles");
    s.key("privileges");
  });

  f.scenario("Revoke privileges from a given role", ["auth", "notification"], async (s) => {
    await s.given("roles", `[{"name": "Admin", "privileges": {"ingest":  1, "archive": 1}}]`);
    await s.patchGiven("roles", `{"privileges": {"ingest":  0}}`);
    s.ok(undefined, { updated: true });
    await s.notifications(
      `[{"event": "role_privileges_revoked", "extra": {"updated": 1, "role_id": "#roles._id#"}}]`,
    );
  });

  f.scenario("Check permissions on read with role", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Administrator"}]`);
    await s.haveRole("Administrator");
    await s.get("/ingest");
    s.code(200);
  });

  f.scenario("Check permissions on read with role and permissions", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Editor", "privileges": {"ingest": 1}}]`);
    await s.haveRole("Editor");
    await s.get("/ingest");
    s.code(200);
  });

  f.scenario("User has always permissions to read himself", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Subscriber"}]`);
    await s.haveRole("Subscriber");
    await s.haveUserType("user");
    await s.get("/users/#CONTEXT_USER_ID#");
    s.code(200);
  });

  f.scenario(
    "Users without permissions can't read from restricted resources",
    ["auth"],
    async (s) => {
      await s.haveUserType("user");
      await s.get("/ingest");
      s.code(403);
    },
  );

  f.scenario("All users can read non-restricted resources", ["auth"], async (s) => {
    await s.haveUserType("user");
    await s.get("/roles");
    s.code(200);
  });

  f.scenario("Users cannot write to users and roles", ["auth"], async (s) => {
    await s.haveUserType("user");
    await s.post("/roles", `{"name": "Sub Editor"}`);
    s.code(403);
  });

  f.scenario("Administrators can write to users and roles", ["auth"], async (s) => {
    await s.haveUserType("administrator");
    await s.post("/roles", `{"name": "Sub Editor"}`);
    s.code(201);
  });

  f.scenario("Users can write to resources if they have permission", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "Pool Subs", "privileges": {"desks": 1}}]`);
    await s.haveRole("Pool Subs");
    await s.haveUserType("user");
    await s.post("/desks", `{"name": "Sub Editing Desk"}`);
    s.code(201);
  });

  f.scenario(
    "Users cannot write to resources if they don't have permission",
    ["auth"],
    async (s) => {
      await s.given("roles", `[{"name": "Producers"}]`);
      await s.haveRole("Producers");
      await s.haveUserType("user");
      await s.post("/desks", `{"name": "Sub Editing Desk"}`);
      s.code(403);
    },
  );

  f.scenario("Role names are unique case insensitive", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "BIG"}]`);
    await s.post("/roles", `[{"name": "big"}]`);
    s.code(400);
  });

  f.scenario("Can not delete default role", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "This is a default role", "is_default": true }]`);
    await s.delete("/roles/#roles._id#");
    s.code(403);
  });

  f.scenario("Only one default", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "A", "is_default": true }]`);
    await s.post("/roles", `[{"name": "B", "is_default": true }]`);
    await s.get("/roles/#roles._id#");
    s.existingResource(`{"is_default": true}`);
  });

  f.scenario("Cannot delete a role that has users in it", ["auth"], async (s) => {
    await s.given("roles", `[{"name": "A" }]`);
    await s.given(
      "users",
      `[{"username": "foo", "first_name": "Foo", "last_name": "Bar", "email": "foo@bar.org", "is_active": true, "role": "#roles._id#"}]`,
    );
    await s.delete("/roles/#roles._id#");
    s.code(403);
  });

  f.scenario("Change user role", ["auth", "notification"], async (s) => {
    await s.given("roles", `[{"name": "A" }]`);
    await s.given(
      "users",
      `[{"username": "foo", "first_name": "Foo", "last_name": "Bar", "email": "foo@bar.org", "is_active": true, "role": "#roles._id#"}]`,
    );
    await s.post("/roles", `[{"name": "B" }]`);
    await s.patch("/users/foo", `{"role": "#roles._id#"}`);
    s.ok(undefined, { updated: true });
    await s.notifications(
      `[{"event": "user_role_changed", "extra": {"updated": 1, "user_id": "#users._id#"}}]`,
    );
  });

  f.scenario(
    "Privilege notification on update of a role privileges",
    ["auth", "notification"],
    async (s) => {
      await s.given(
        "roles",
        `[{"name": "Admin", "privileges": {"ingest":  1, "archive": 1, "fetch": 0}}]`,
      );
      await s.given(
        "users",
        `[{"first_name": "Foo", "last_name": "Bar", "username": "foobar",
        "password": "barbar", "email": "foo@bar.com", "role": "#roles._id#"}]`,
      );
      await s.patch("roles/#roles._id#", `{"privileges": {"fetch":  1}}`);
      s.ok(undefined, { updated: true });
      const granted = `{"resource": "roles",
        "message": "role {{role}} has been granted new privileges: Please re-login.",
        "data": {"role": "Admin"}}`;
      await s.get("activity");
      s.list(3, `{"_items": [${granted}]}`);
      await s.notifications(
        `[{"event": "activity", "extra": {"_dest": [{"user_id": "#users._id#", "read": false}]}}]`,
      );
      await s.patch("roles/#roles._id#", `{"privileges": {"users":  1}}`);
      s.ok(undefined, { updated: true });
      await s.get("activity");
      s.list(4, `{"_items": [${granted}, ${granted}]}`);
    },
  );

  f.scenario("Set author/editor role", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.post("/roles", `{"name": "test", "author_role": "author", "editor_role": "editor"}`);
    s.newResource();
  });
});
