/**
 * Superdesk's features/contacts.feature over HTTP. Its fixtures give some contacts numeric ids
 * (`"_id": 4`), which Superdesk finds by the string of the URL because it reads items from
 * Elasticsearch, where ids are strings; ours reads items from the document store, so the
 * fixtures here give those ids as strings.
 */
import { feature } from "./feature.ts";

feature("contacts", (f) => {
  f.scenario("Create a contact", ["auth", "notification"], async (s) => {
    await s.givenEmpty("contacts");
    await s.post(
      "/contacts",
      `{"first_name": "Albert", "last_name": "Foo", "mobile": [{"number": "1234",
        "usage": "After hours", "public": true}], "public": true}`,
    );
    s.code(201);
    await s.get("/contacts");
    s.existingResource(
      `{"_items": [{"last_name": "Foo", "first_name": "Albert", "mobile": [{"number": "1234",
        "usage": "After hours", "public": true}], "public": true}]}`,
    );
    await s.notifications(`[{"event": "contacts:create", "extra": {"_id": ["#contacts._id#"]}}]`);
  });

  f.scenario("Get contacts", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "first_name": "Albert", "last_name": "Foo", "public": true},
        {"_id": "2", "first_name": "Jane", "last_name": "Doe", "public": true}]`,
    );
    await s.get("contacts");
    s.existingResource(
      `{"_items": [{"last_name": "Foo", "first_name": "Albert", "public": true},
        {"last_name": "Doe", "first_name": "Jane", "public": true}]}`,
    );
  });

  f.scenario("Get active contacts", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "first_name": "Albert", "last_name": "Foo", "public": true},
        {"_id": "4", "is_active": false, "first_name": "Jane", "last_name": "Doe"}]`,
    );
    await s.get("/contacts");
    s.list(1);
  });

  f.scenario("Get all contacts", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "first_name": "Albert", "last_name": "Foo"},
        {"_id": "2", "is_active": false, "first_name": "Jane", "last_name": "Doe"}]`,
    );
    await s.get("/contacts?all=1");
    s.list(2);
  });

  f.scenario("Get a contact", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "first_name": "Albert", "last_name": "Foo"},
        {"_id": "4", "first_name": "Jane", "last_name": "Doe"}]`,
    );
    await s.get("/contacts/4");
    s.existingResource(`{"last_name": "Doe", "first_name": "Jane"}`);
  });

  f.scenario("Search for a contact", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "first_name": "Albert", "last_name": "Foo", "public": true},
        {"_id": "2", "first_name": "Jill", "last_name": "Smith", "public": true},
        {"_id": "3", "first_name": "Bill", "last_name": "Lee", "public": true},
        {"_id": "4", "first_name": "Jane", "last_name": "Doe", "public": true}]`,
    );
    await s.get("/contacts?q=jane");
    s.existingResource(
      `{"_items": [{"last_name": "Doe", "first_name": "Jane", "public": true}]}`,
    );
    // The step matches a subset; the search must also leave the others out.
    s.list(1);
  });

  f.scenario("Delete a contact", ["auth", "notification"], async (s) => {
    await s.given("contacts", `[{"_id": "1", "first_name": "Albert", "last_name": "Foo"}]`);
    await s.delete("/contacts/1");
    s.code(204);
    await s.get("/contacts?all=1");
    s.list(0);
    await s.notifications(`[{"event": "contacts:deleted", "extra": {"_id": ["#contacts._id#"]}}]`);
  });

  f.scenario("Update a contact", ["auth", "notification"], async (s) => {
    await s.given("contacts", `[{"_id": "1", "first_name": "Albert", "last_name": "Foo"}]`);
    await s.patch(
      "/contacts/1",
      `{"first_name": "Mary", "country": {"name": "Argentina", "qcode": "arg"},
        "contact_state": {"name": "New Zealand", "qcode": "NZ"}}`,
    );
    await s.get("/contacts/1");
    s.existingResource(
      `{"last_name": "Foo", "first_name": "Mary", "country": {"name": "Argentina", "qcode": "arg"},
        "contact_state": {"name": "New Zealand", "qcode": "NZ"}}`,
    );
    await s.notifications(`[{"event": "contacts:update", "extra": {"_id": ["#contacts._id#"]}}]`);
    await s.patch("/contacts/1", `{"twitter": "@foo"}`);
    s.ok(`{"last_name": "Foo", "first_name": "Mary", "twitter": "@foo"}`, { updated: true });
    await s.patch("/contacts/1", `{"twitter": ""}`);
    s.ok(`{"last_name": "Foo", "first_name": "Mary", "twitter": ""}`, { updated: true });
    await s.patch("/contacts/1", `{"twitter": "foo"}`);
    s.code(400);
  });

  f.scenario("Update a contact without permission", ["auth"], async (s) => {
    await s.given("contacts", `[{"_id": "1", "first_name": "Albert", "last_name": "Foo"}]`);
    await s.patch("/contacts/1", `{"first_name": "Mary"}`);
    await s.switchUser();
    await s.patch("/users/#USERS_ID#", `{"user_type": "user", "privileges": {"contacts": 0}}`);
    await s.patch("/contacts/1", `{"first_name": "Jane"}`);
    s.code(403);
  });

  f.scenario("Search for organisation", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "organisation": "Foo shoes"}, {"_id": "2", "organisation": "Foo socks"},
        {"_id": "3", "organisation": "Boo shoes"}]`,
    );
    await s.get("/contacts/organisations?q=foo so");
    s.list(1, `{"_items": [{"organisation": "Foo socks"}]}`);
  });

  f.scenario("Search for organisation with no duplicates", ["auth"], async (s) => {
    await s.given(
      "contacts",
      `[{"_id": "1", "organisation": "Foo shoes"}, {"_id": "2", "organisation": "Foo socks"},
        {"_id": "3", "organisation": "Foo shoes"}]`,
    );
    await s.get("/contacts/organisations?q=foo");
    s.list(2, `{"_items": [{"organisation": "Foo socks"}]}`);
  });
});
