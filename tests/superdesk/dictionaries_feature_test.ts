/** Superdesk's features/dictionaries.feature over HTTP (uploads with our own word file). */
import { feature } from "./feature.ts";

const FOO = `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`;

feature("dictionaries", (f) => {
  f.scenario("Upload a new dictionary and patch it", ["auth", "notification"], async (s) => {
    await s.uploadDictionary(`{"name": "test", "language_id": "en"}`);
    s.newResource(`{"name": "test", "language_id": "en", "type": "dictionary"}`);
    await s.notifications(`[{"event": "dictionary:created", "extra": {"language": "en"}}]`);
    s.resetNotifications();
    await s.uploadDictionary(`{"name": "test", "language_id": "en"}`, { existing: true });
    s.existingResource(`{"name": "test", "language_id": "en", "type": "dictionary"}`);
    await s.notifications(`[{"event": "dictionary:updated", "extra": {"language": "en"}}]`);
    await s.get("/dictionaries/#dictionaries._id#");
    // Superdesk's counting: a word file's word counts 2 (train's default 1, plus 1), and an
    // upload to an existing dictionary adds its counts.
    s.existingResource(`{"content": {"foo": 4, "bar": 4, "baz": 4}}`);
  });

  f.scenario("Update dictionary", ["auth"], async (s) => {
    await s.uploadDictionary(`{"name": "dict", "language_id": "en"}`);
    await s.patchLatest(`{"content": {"foo": 1, "bar": 0}}`);
    s.ok(`{}`, { updated: true });
    await s.deleteLatest();
    s.ok();
  });

  f.scenario("Update dictionary with existing name", ["auth"], async (s) => {
    await s.uploadDictionary(
      `{"_id": "5b4e1a6ecc3a2d6b4fda7f04", "name": "dict", "language_id": "en", "type": "dictionary"}`,
    );
    await s.post(
      "/dictionaries",
      `{"_id": "5b4e1a6ecc3a2d6b4fda7f05", "name": "test", "language_id": "en", "type": "dictionary"}`,
    );
    await s.patch(
      "/dictionaries/5b4e1a6ecc3a2d6b4fda7f04",
      `{"_id":"5b4e1a6ecc3a2d6b4fda7f04", "name": "test", "language_id": "en", "type": "dictionary"}`,
    );
    s.code(400, `{"_issues": {"validator exception": "400: The dictionary already exists"}}`);
  });

  f.scenario("Create duplicate dictionary for different languages", ["auth"], async (s) => {
    await s.uploadDictionary(`{"name": "dict", "language_id": "en"}`);
    await s.uploadDictionary(`{"name": "dict", "language_id": "ro"}`);
  });

  f.scenario("Create duplicate dictionary for the same language", ["auth"], async (s) => {
    await s.uploadDictionary(`{"name": "dict", "language_id": "en", "type": "dictionary"}`);
    await s.post("/dictionaries", `{"name": "dict", "language_id": "en", "type": "dictionary"}`);
    s.code(400, `{"_issues": {"name": "duplicate"}}`);
  });

  f.scenario("User dictionary", ["auth"], async (s) => {
    await s.post("/users", FOO);
    await s.post(
      "/dictionaries",
      `{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#", "content": {"bar": 1}}`,
    );
    s.newResource(`{}`);
    await s.patch("/dictionaries/#dictionaries._id#", `{"content": {"foo": 1}}`);
    s.ok(`{}`, { updated: true });
    await s.get("/dictionaries/#dictionaries._id#");
    s.existingResource(`{"content": {"foo": 1, "bar": 1}}`);
  });

  f.scenario(
    "Create personal duplicate dictionary for different languages",
    ["auth"],
    async (s) => {
      await s.post("/users", FOO);
      await s.post(
        "/dictionaries",
        `{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#"}`,
      );
      s.newResource();
      await s.post(
        "/dictionaries",
        `{"name": "#users._id#:en", "language_id": "ro", "user": "#users._id#"}`,
      );
      s.newResource();
      await s.patch("/dictionaries/#dictionaries._id#", `{"type": "abbreviations"}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: The dictionary type cannot be changed."}}`,
      );
    },
  );

  for (
    const [title, second, code] of [
      ["Create personal duplicate abbreviations dictionary for different languages", "ro", 201],
      ["Create personal duplicate abbreviations dictionary for the same language", "en", 400],
    ] as const
  ) {
    f.scenario(title, ["auth"], async (s) => {
      await s.post("/users", FOO);
      await s.post(
        "/dictionaries",
        `{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#", "type": "abbreviations"}`,
      );
      s.newResource();
      await s.post(
        "/dictionaries",
        `{"name": "#users._id#:en", "language_id": "${second}", "user": "#users._id#", "type": "abbreviations"}`,
      );
      if (code === 201) s.newResource();
      else s.code(400, `{"_issues": {"name": "duplicate"}}`);
    });
  }

  f.scenario("Create personal duplicate dictionary for the same language", ["auth"], async (s) => {
    await s.post("/users", FOO);
    await s.post(
      "/dictionaries",
      `{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#"}`,
    );
    s.newResource();
    await s.post(
      "/dictionaries",
      `{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#"}`,
    );
    s.code(400, `{"_issues": {"name": "duplicate"}}`);
  });

  f.scenario("Create personal abbreviations dictionary without user fails", ["auth"], async (s) => {
    await s.post("/users", FOO);
    await s.post(
      "/dictionaries",
      `{"name": "#users._id#:en", "language_id": "en", "type": "abbreviations"}`,
    );
    s.code(
      400,
      `{"_issues": {"user": "missing"}, "_message": "User is required for the abbreviations dictionary."}`,
    );
  });

  f.scenario("Create abbreviations with dotted keys (SDESK-3083)", ["auth"], async (s) => {
    await s.post("/users", FOO);
    await s.post(
      "/dictionaries",
      `{"_id": "5b4e1a6ecc3a2d6b4fda7f04", "name": "#users._id#:en", "language_id": "en",
        "user": "#users._id#", "type": "abbreviations", "content": {"foo.bar": "baz"}}`,
    );
    await s.get("/dictionaries/5b4e1a6ecc3a2d6b4fda7f04");
    s.existingResource(`{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#",
      "type": "abbreviations", "content": {"foo.bar": "baz"}}`);
    await s.patchLatest(`{"content": {"toto.titi": "tata"}}`);
    await s.get("/dictionaries/5b4e1a6ecc3a2d6b4fda7f04");
    s.existingResource(`{"name": "#users._id#:en", "language_id": "en", "user": "#users._id#",
      "type": "abbreviations", "content": {"toto.titi": "tata"}}`);
  });
});
