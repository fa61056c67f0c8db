/** Superdesk's features/system_messages.feature over HTTP. */
import { feature } from "./feature.ts";

const MESSAGE = `[{
  "is_active": true,
  "message_title": "This is message title",
  "message": "This is a message",
  "type": "alert"
}]`;

const LISTED = `{"_items": [{
  "is_active": true,
  "message_title": "This is message title",
  "message": "This is a message",
  "type": "alert",
  "user_id": "#CONTEXT_USER_ID#"}]
}`;

feature("system_messages", (f) => {
  f.scenario("List of empty system message", ["auth"], async (s) => {
    await s.givenEmpty("system_messages");
    await s.get("/system_messages");
    s.list(0);
  });

  f.scenario("Create a new system message", ["auth", "notification"], async (s) => {
    await s.givenEmpty("system_messages");
    await s.post("system_messages", MESSAGE);
    s.newResource();
    await s.get("/system_messages");
    s.list(1, LISTED);
    await s.notifications(`[{"event": "system_message:created"}]`);
  });

  f.scenario(
    "Create a new system message with empty fields should give required error",
    ["auth"],
    async (s) => {
      await s.givenEmpty("system_messages");
      await s.post(
        "system_messages",
        `[{
          "is_active": true,
          "message_title": "This is message title",
          "type": "alert",
          "user_id": "#CONTEXT_USER_ID#"
        }]`,
      );
      s.code(
        400,
        `{
          "_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"},
          "_issues": {"message": {"required": 1}},
          "_status": "ERR"
        }`,
      );
    },
  );

  f.scenario("Update a system message", ["auth", "notification"], async (s) => {
    await s.givenEmpty("system_messages");
    await s.post(
      "system_messages",
      MESSAGE.replace('"alert"', '"alert", "user_id": "#CONTEXT_USER_ID#"'),
    );
    s.newResource();
    await s.get("/system_messages");
    s.list(1, LISTED);
    await s.patch(
      "/system_messages/#system_messages._id#",
      `{"message": "This is a updated message"}`,
    );
    s.ok(
      `{
        "is_active": true,
        "message_title": "This is message title",
        "message": "This is a updated message",
        "type": "alert",
        "user_id": "#CONTEXT_USER_ID#"
      }`,
      { updated: true },
    );
    await s.notifications(`[{"event": "system_message:updated"}]`);
  });

  f.scenario("Delete a system message", ["auth", "notification"], async (s) => {
    await s.post("system_messages", MESSAGE);
    s.ok();
    await s.delete("/system_messages/#system_messages._id#");
    s.ok();
    await s.notifications(`[{"event": "system_message:deleted"}]`);
  });
});
