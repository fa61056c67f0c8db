/**
 * Superdesk's features/prepopulate.feature: `POST /prepopulate` erases the data and loads sample
 * users, desks and roles, in testing mode only (`SUPERDESK_TESTING`, off by default: then the
 * route is unknown, a 404, as Superdesk's). Where it differs: our roles' privileges are flat
 * `{name: 0|1}` (Superdesk's sample roles carry `{"ingest": {"read": 1}}`, which our roles
 * schema refuses), so the roles are matched on their names and a flat `ingest` privilege.
 */
import { findIdAs } from "./_auto_routing_steps.ts";
import { feature } from "./feature.ts";

const TESTING = { env: { SUPERDESK_TESTING: "true" } };

const SAMPLE_ADMINS = `
  {"username":"admin", "first_name":"first name", "last_name":"last name", "user_type": "administrator", "email": "a@a.com"},
  {"username":"admin1", "first_name":"first name1", "last_name":"last name1", "user_type": "administrator", "email": "a1@a.com"},
  {"username":"admin2", "first_name":"first name2", "last_name":"last name2", "user_type": "administrator", "email": "a2@a.com"},
  {"username":"admin3", "first_name":"first name3", "last_name":"last name3", "user_type": "administrator", "email": "a3@a.com"},
  {"username":"admin4", "first_name":"first name4", "last_name":"last name4", "user_type": "administrator", "email": "a4@a.com"}`;

feature("prepopulate", (f) => {
  f.scenario("Prepopulate and erase", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.givenEmpty("desks");
    await s.post("/prepopulate", `{}`);
    s.newResource(`{"_status": "OK"}`);
    await s.setupTestUser();
    await s.get("/users");
    s.list(
      6,
      `{"_items": [{"username":"admin", "first_name":"first name", "last_name":"last name", "user_type": "administrator", "email": "a@a.com"},
                   {"username": "test_user"}]}`,
    );
    for (const suffix of ["", "1", "2", "3", "4"]) {
      await findIdAs(s, "users", `user_admin${suffix}`, `where={"username": "admin${suffix}"}`);
    }
    await s.get("/desks");
    s.list(
      3,
      `{"_items": [
        {"members": [{"user": "#user_admin#"}, {"user": "#user_admin1#"}, {"user": "#user_admin2#"}, {"user": "#user_admin3#"}], "name": "Sports Desk"},
        {"members": [{"user": "#user_admin#"}, {"user": "#user_admin4#"}, {"user": "#user_admin1#"}], "name": "Politic Desk"},
        {"name": "XEditor3 Desk"}
      ]}`,
    );
    await s.get("/roles");
    s.list(
      4,
      `{"_items": [
        {"name": "Editor", "privileges": {"ingest": 1}},
        {"name": "Writer", "privileges": {"ingest": 1}},
        {"name": "Superadmin", "privileges": {"ingest": 1}},
        {"name": "admin", "privileges": {"ingest": 1}}
      ]}`,
    );
  }, TESTING);

  f.scenario("Prepopulate and app not on testing mode", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.givenEmpty("desks");
    await s.post("/prepopulate", `{}`);
    s.code(404);
  });

  f.scenario("Prepopulate and no erase", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.givenEmpty("desks");
    await s.post(
      "/users",
      `{"username": "foo", "password": "barbar", "email": "foo@bar.com", "sign_off": "abc"}`,
    );
    s.newResource(`{"username": "foo", "email": "foo@bar.com"}`);
    await s.post("/prepopulate", `{"remove_first": false}`);
    s.newResource(`{"_status": "OK"}`);
    await s.get("/users");
    s.list(
      7,
      `{"_items": [${SAMPLE_ADMINS},
                   {"username": "foo", "email": "foo@bar.com"},
                   {"username": "test_user"}]}`,
    );
  }, TESTING);

  f.scenario("Prepopulate with custom profile", ["auth"], async (s) => {
    await s.givenEmpty("roles");
    await s.givenEmpty("desks");
    await s.post("/prepopulate", `{"profile": "app_prepopulate_data_test"}`);
    s.newResource(`{"_status": "OK"}`);
    await s.setupTestUser();
    await s.get("/users");
    s.list(
      2,
      `{"_items": [{"username":"admin_other", "first_name":"first name other", "last_name":"last name other", "user_type": "administrator", "email": "a@a_other.com"},
                   {"username": "test_user"}]}`,
    );
    await s.get("/roles");
    s.list(0);
    await s.get("/desks");
    s.list(0);
  }, TESTING);
});
