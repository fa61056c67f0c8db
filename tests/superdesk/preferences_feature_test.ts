/** Superdesk's features/preferences.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

feature("preferences", (f) => {
  f.scenario("List empty preferences", ["auth"], async (s) => {
    await s.givenEmpty("preferences");
    await s.get("/preferences");
    s.code(
      405,
      `{"_error": {"message": "The method is not allowed for the requested URL.", "code": 405}, "_status": "ERR"}`,
    );
  });

  f.scenario("Fetch old preferences using new session", ["auth"], async (s) => {
    await s.get("/preferences/54d876dc102454a053a6d786");
    s.code(404);
  });

  f.scenario("Create new preference", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.get("/preferences/#SESSION_ID#");
    // "we get default preferences": every registered user preference at its default.
    s.ok();
    const defaults = s.app.platform.apps.preferences.userDefaults();
    assert.deepEqual(s.response.body.user_preferences, defaults);
  });

  f.scenario("Update user archive view preference settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.get("/preferences/#SESSION_ID#");
    await s.patchLatest(`{"user_preferences": {"archive:view": {"view": "compact" }}}`);
    s.existingResource(`{
      "user_preferences": {
        "archive:view": {
          "category": "archive",
          "default": "mgrid",
          "label": "Users archive view format",
          "type": "string",
          "view": "compact"
        }
      }
    }`);
  });

  f.scenario("Update user feature preview preference settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {
        "feature:preview": {"enabled": true},
        "editor:theme": {"label": "Editor"}
      }}`,
    );
    s.existingResource(`{
      "user_preferences": {
        "feature:preview": {
          "category": "feature",
          "default": false,
          "enabled": true,
          "label": "Enable Feature Preview",
          "type": "bool"
        },
        "editor:theme": {"type": "string"}
      }
    }`);
    assert.equal("label" in s.response.body.user_preferences["editor:theme"], false);
  });

  f.scenario("Update user preference settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {"email:notification": {"enabled": false }}}`,
    );
    s.existingResource(`{
      "user_preferences": {
        "email:notification": {
          "category": "notifications",
          "default": true,
          "enabled": false,
          "label": "Send notifications via email",
          "type": "bool"
        }
      }
    }`);
  });

  f.scenario("Update editor theme user preference settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {"editor:theme": {"theme": "railscast", "category": "editor"}}}`,
    );
    await s.get("/preferences/#SESSION_ID#");
    s.existingResource(`{
      "user_preferences": {"editor:theme": {"theme": "railscast", "type": "string"}}
    }`);
    assert.equal("category" in s.response.body.user_preferences["editor:theme"], false);
  });

  f.scenario("Update user preference settings - wrong preference", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.get("/preferences/#SESSION_ID#");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {"email:bad_name": {"enabled": false }}}`,
    );
    s.code(
      400,
      `{"_status": "ERR", "_issues": {"validator exception": "Invalid preference: email:bad_name"}}`,
    );
  });

  f.scenario("Update session preference settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.get("/preferences/#SESSION_ID#");
    await s.patch("/preferences/#SESSION_ID#", `{"session_preferences": {"desk:items": [123]}}`);
    s.existingResource(`{"session_preferences": {"desk:items": [123]}}`);
    await s.deleteLink("/auth/#SESSION_ID#");
    await s.loginAs("test_user", "test_password", `{"user_type": "user"}`);
    await s.get("/preferences/#SESSION_ID#");
    s.code(404);
  });

  f.wrong(
    "Get active privileges from user with preferences",
    "the user, once a plain user holding `users`, grants themself `feature_preview`; we refuse " +
      "granting a privilege one does not hold (403), see README",
  );

  f.scenario("Get active privileges from user and role with preferences", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.given("roles", `[{"name": "A" , "privileges": {"fungi": 1}}]`);
    await s.patch(
      "/users/#users._id#",
      `{"role": "#roles._id#", "user_type": "user", "privileges": {"spike": 1}}`,
    );
    await s.get("/preferences/#SESSION_ID#");
    s.existingResource(`{
      "active_privileges": {"fungi": 1, "spike": 1},
      "allowed_actions": [
        {
          "exclude_states": ["spiked", "published", "scheduled", "corrected", "killed"],
          "include_states": [],
          "name": "spike",
          "privileges": ["spike"]
        }
      ],
      "user_preferences": {"archive:view": {}}
    }`);
  });

  f.scenario(
    "Get all active privileges from administrator with preferences",
    ["auth"],
    async (s) => {
      await s.haveSessions("/sessions");
      await s.patch("/users/#users._id#", `{"user_type": "administrator", "privileges": {}}`);
      await s.get("/preferences/#SESSION_ID#");
      s.existingResource(`{
        "active_privileges": {"spike": 1},
        "allowed_actions": [
          {
            "exclude_states": ["spiked", "published", "scheduled", "corrected", "killed"],
            "include_states": [],
            "name": "spike",
            "privileges": ["spike"]
          }
        ],
        "user_preferences": {
          "feature:preview": {
            "category": "feature",
            "default": false,
            "enabled": false,
            "label": "Enable Feature Preview",
            "type": "bool"
          }
        }
      }`);
    },
  );

  f.scenario(
    "Session Preferences are deleted when user logsout of Superdesk",
    ["auth"],
    async (s) => {
      await s.deleteLink("/auth/#AUTH_ID#");
      await s.loginAs("foo", "bar", `{"user_type": "user"}`);
      await s.get("/users/test_user");
      s.existingResource(`{"username": "test_user"}`);
    },
  );

  f.scenario("Update user preference setting active destination", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.get("/preferences/#SESSION_ID#");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {"destination:active": {"desk_id":"123", "stage_id":"456"}}}`,
    );
    s.existingResource(
      `{"user_preferences": {"destination:active": {"desk_id":"123", "stage_id":"456"}}}`,
    );
  });

  f.scenario("Update editor spell checker user preferences settings", ["auth"], async (s) => {
    await s.haveSessions("/sessions");
    await s.patch(
      "/preferences/#SESSION_ID#",
      `{"user_preferences": {"spellchecker:status": {"default": true, "enabled": true, "type": "bool"}}}`,
    );
    await s.get("/preferences/#SESSION_ID#");
    s.existingResource(`{
      "user_preferences": {
        "spellchecker:status": {"default": true, "enabled": true, "type": "bool"}
      }
    }`);
  });
});
