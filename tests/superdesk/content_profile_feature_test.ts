/** Superdesk's features/content_profile.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/** The custom vocabularies several scenarios give (stored raw: they carry unknown fields). */
const CUSTOM_VOCABULARIES = `[
  {"_id": "genre_custom", "display_name": "Genre", "type": "manageable", "service": {"all": 1},
   "single_value": true, "schema_field": "genre", "dependent": 1,
   "items": [
     {"is_active": true, "name": "Nyheter", "qcode": "Nyheter", "service": {"n": 1, "j": 1, "e": 1, "t": 1, "m": 1, "s": 1, "d": 1, "o": 1, "p": 1, "k": 1}},
     {"is_active": true, "name": "Faktaboks", "qcode": "Faktaboks", "service": {"n": 1}}]},
  {"_id": "category", "display_name": "NTB Category", "type": "manageable", "service": {"all": 1},
   "single_value": true, "dependent": 1,
   "items": [
     {"is_active": true, "name": "Innenriks", "qcode": "Innenriks", "service": {"n": 1, "s": 1, "e": 1, "t": 1, "m": 1, "j": 1, "i": 1}},
     {"is_active": true, "name": "Utenriks", "qcode": "Utenriks", "service": {"n": 1, "s": 1, "e": 1, "t": 1, "m": 1, "i": 1}}]},
  {"_id": "subject_custom", "display_name": "Subject", "type": "manageable", "service": {"all": 1},
   "schema_field": "subject", "dependent": 0,
   "items": [
     {"is_active": true, "name": "Kultur og underholdning", "qcode": "01000000", "parent": null},
     {"is_active": true, "name": "Kriminalitet og rettsvesen", "qcode": "02000000", "parent": null}]}
]`;

const NEW_FOO = `{
  "_id": "foo", "label": "Foo", "enabled": false,
  "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#"
}`;

const SLUGLINE_PROFILE = `{
  "_id": "foo", "label": "Foo",
  "schema": {"slugline": {"maxlength": 24, "type": "string"}},
  "editor": {"slugline": {"order": 1, "sdWidth": "full", "enabled": true}}
}`;

const SLUGLINE_CREATED = `{
  "_id": "foo", "label": "Foo", "enabled": false,
  "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#",
  "schema": {"slugline": {"maxlength": 24, "type": "string"}},
  "editor": {"slugline": {"order": 1, "sdWidth": "full", "enabled": true}}
}`;

const FOO_TEMPLATE_PROFILE = `[{"_id": "foo", "label": "Foo", "schema": {
  "headline": {"maxlength" : 64, "type" : "string", "required" : false, "nullable" : true},
  "slugline" : {"type" : "string", "nullable" : true, "maxlength" : 24, "required" : false},
  "place": {"default": [{"name": "Prague"}]}
}}]`;

/** The profile update answered, and the template listed with its slugline and profile. */
async function updatedAndTemplateKept(s: Scenario) {
  s.ok(`{"updated_by": "#CONTEXT_USER_ID#"}`, { updated: true });
  await s.get("content_templates");
  s.list(
    1,
    `{"_items": [{"template_name": "foo", "data": {"slugline": "Testing the slugline", "profile": "foo"}}]}`,
  );
}

/** `there is no "<key>" in data`: the first listed item's `data` lacks the key. */
function noKeyInData(s: Scenario, key: string) {
  const data = s.response.body._items[0].data;
  assert.ok(!(key in data), `"${key}" is in data: ${JSON.stringify(data)}`);
}

feature("content_profile", (f) => {
  f.scenario("User can create profile", ["auth"], async (s) => {
    await s.get("content_types");
    s.list(0);
    await s.post("content_types", `{"_id": "foo", "label": "Foo", "description": "Foo info"}`);
    s.newResource(NEW_FOO);
  });

  f.scenario("User can update profile", ["auth"], async (s) => {
    await s.given("content_types", `[{"_id": "foo", "label": "Foo"}]`);
    await s.patch(
      "content_types/foo",
      `{"label": "Bar", "description": "Bar", "priority": 0, "enabled": true}`,
    );
    s.ok(`{"updated_by": "#CONTEXT_USER_ID#"}`, { updated: true });
  });

  f.scenario("Content profile name should be unique", ["auth"], async (s) => {
    await s.given("content_types", `[{"_id": "foo", "label": "Foo"}]`);
    await s.post("content_types", `[{"_id": "foo2", "label": "Foo"}]`);
    s.code(400);
  });

  f.scenario("User can get extended profile with default values", ["auth"], async (s) => {
    await s.post("content_types", `{"_id": "foo", "label": "Foo"}`);
    s.newResource(NEW_FOO);
    await s.get("/content_types/#content_types._id#?edit=true");
    s.existingResource(`{
      "editor": {"headline": {"formatOptions": [], "enabled": true, "order": 15}},
      "schema": {"headline": {"type": "string", "required": true, "maxlength": 64}}
    }`);
    await s.patch(
      "/content_types/#content_types._id#",
      `{"schema": {"headline": {"required": false, "minlength": 5}}}`,
    );
    await s.get("/content_types/#content_types._id#");
    s.existingResource(`{"schema": {"headline": {"minlength": 5}}}`);
  });

  f.scenario("User can get profile with extended values", ["auth"], async (s) => {
    await s.post("content_types", SLUGLINE_PROFILE);
    s.newResource(SLUGLINE_CREATED);
    await s.get("/content_types/#content_types._id#?edit=true");
    s.existingResource(`{
      "_id": "foo", "label": "Foo", "enabled": false,
      "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#",
      "schema": {
        "ednote": {"required": false, "type": "string"},
        "slugline": {"maxlength": 24, "type": "string"}
      },
      "editor": {
        "ednote": {"enabled": false, "order": 13, "sdWidth": "full"},
        "slugline": {"enabled": true, "order": 1, "sdWidth": "full"}
      }
    }`);
  });

  f.scenario("User can get profile with default extended custom values", ["auth"], async (s) => {
    await givenRaw(s, "vocabularies", CUSTOM_VOCABULARIES);
    await s.post("content_types", `{"_id": "foo", "label": "Foo"}`);
    s.newResource(NEW_FOO);
    await s.get("/content_types/#content_types._id#?edit=true");
    s.existingResource(`{
      "_id": "foo", "label": "Foo", "enabled": false,
      "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#",
      "schema": {
        "subject_custom": {"mandatory_in_list": {"scheme": {}}, "type": "list", "required": false, "schema": {}}
      },
      "editor": {
        "subject_custom": {"field_name": "Subject", "order": 11, "sdWidth": "full", "enabled": true},
        "genre_custom": {"field_name": "Genre", "order": 5, "sdWidth": "half", "enabled": true},
        "category": {"field_name": "NTB Category", "enabled": false},
        "anpa_category": {"order": 10, "sdWidth": "full", "enabled": true}
      }
    }`);
  });

  f.scenario("User can get profile with extended custom values", ["auth"], async (s) => {
    await givenRaw(s, "vocabularies", CUSTOM_VOCABULARIES);
    await s.post("content_types", SLUGLINE_PROFILE);
    s.newResource(SLUGLINE_CREATED);
    await s.get("/content_types/#content_types._id#?edit=true");
    s.existingResource(`{
      "_id": "foo", "label": "Foo", "enabled": false,
      "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#",
      "editor": {
        "ednote": {"sdWidth": "full", "order": 13, "enabled": false},
        "category": {"field_name": "NTB Category", "enabled": false},
        "subject_custom": {"sdWidth": "full", "field_name": "Subject", "order": 11, "enabled": false},
        "genre_custom": {"sdWidth": "half", "field_name": "Genre", "order": 5, "enabled": false}
      },
      "schema": {
        "ednote": {"type": "string", "required": false},
        "category": {"type": "list", "required": false},
        "subject_custom": {"type": "list", "mandatory_in_list": {"scheme": {}}, "schema": {}, "required": false},
        "genre_custom": {"type": "list", "required": false}
      }
    }`);
  });

  f.scenario(
    "User can add profile with custom subject disabled and category(saved on subject) enabled",
    ["auth"],
    async (s) => {
      await givenRaw(s, "vocabularies", CUSTOM_VOCABULARIES);
      await s.post(
        "content_types",
        `{
        "_id": "foo", "label": "Foo", "enabled": false,
        "schema": {
          "genre": {"type": "list", "required": false, "nullable": true},
          "subject": {
            "schema": {"schema": {"scheme": {"allowed": ["category"], "required": true, "type": "string", "nullable": true}}, "type": "dict"},
            "type": "list", "required": true,
            "mandatory_in_list": {"scheme": {"category": {"required": true}}}
          }
        },
        "editor": {
          "genre_custom": {"sdWidth": "half", "order": 5, "enabled": true},
          "category": {"field_name": "NTB Category", "enabled": true}
        }
      }`,
      );
      s.newResource(NEW_FOO);
      await s.patch(
        "/content_types/#content_types._id#",
        `{
        "schema": {
          "genre_custom": {"type": "list", "required": false},
          "subject_custom": {"type": "list", "mandatory_in_list": {"scheme": {}}, "schema": {}, "required": true},
          "category": {"type": "list", "required": false, "default": [
            {"scheme": "category", "qcode": "Innenriks", "name": "Innenriks",
             "service": {"t": 1, "e": 1, "j": 1, "s": 1, "n": 1, "m": 1, "i": 1}}
          ]}
        },
        "editor": {
          "category": {"field_name": "NTB Category", "enabled": true},
          "genre_custom": {"field_name": "Genre", "enabled": true},
          "subject_custom": {"sdWidth": "full", "field_name": "Subject", "order": 11, "enabled": false}
        }
      }`,
      );
      await s.get("/content_types/#content_types._id#");
      s.existingResource(`{
        "_id": "foo", "label": "Foo", "enabled": false,
        "created_by": "#CONTEXT_USER_ID#", "updated_by": "#CONTEXT_USER_ID#",
        "schema": {
          "genre": {"type": "list", "required": false, "nullable": true},
          "subject": {
            "schema": {"schema": {"scheme": {"allowed": ["category"], "required": true, "type": "string"}}, "type": "dict"},
            "type": "list", "required": false,
            "mandatory_in_list": {"scheme": {}},
            "default": [{"scheme": "category", "qcode": "Innenriks", "name": "Innenriks",
                         "service": {"t": 1, "e": 1, "j": 1, "s": 1, "n": 1, "m": 1, "i": 1}}]
          }
        },
        "editor": {
          "category": {"field_name": "NTB Category", "enabled": true},
          "genre_custom": {"enabled": true}
        }
      }`);
    },
  );

  f.scenario("Validate using content profile when publishing", ["auth"], async (s) => {
    await givenRaw(s, "vocabularies", `[{"_id": "foo", "field_type": "text"}]`);
    await givenRaw(
      s,
      "content_types",
      `[{"_id": "foo", "schema": {
        "body_html": {"required": true, "type": "string"},
        "headline": {"required": true, "maxlength": 42, "type": "string"},
        "body_footer": {"type": "string", "default": "test", "maxlength": null},
        "slugline": {"required": false, "maxlength": 24, "type": "string"},
        "foo": {"required": true, "maxlength": 20}
      }}]`,
    );
    await s.given("desks", `[{"name": "sports"}]`);
    await s.post("/archive", `{"type": "text", "profile": "foo", "task": {"desk": "#desks._id#"}}`);
    s.newResource();
    await s.patch(
      "/archive/#archive._id#",
      `{"body_html": "body", "headline": "head", "slugline": "slug", "extra": {"foo": "<b>test</b>"}}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.get("/published/#archive._id#");
    s.existingResource(`{"extra": {"foo": "<b>test</b>"}}`);
  });

  f.scenario("Mark profile when used and prevent delete", ["auth"], async (s) => {
    await s.given("content_types", `[{"_id": "foo"}, {"_id": "bar"}]`);
    await s.get("content_types/foo");
    s.existingResource(`{"is_used": false}`);
    await s.post("archive", `{"type": "text", "profile": "foo"}`);
    await s.get("content_types/foo");
    s.existingResource(`{"is_used": true}`);
    await s.delete("content_types/foo");
    s.code(202, `{"_issues": {"is_used": true}}`);
    await s.patch("archive/#archive._id#", `{"profile": "bar"}`);
    await s.delete("content_types/bar");
    s.code(202);
  });

  f.scenario("When removing content profile keep associated templates", ["auth"], async (s) => {
    await s.given("content_types", `[{"_id": "foo"}]`);
    await s.given(
      "content_templates",
      `[{"template_name": "foo", "data": {"profile": "foo"}}, {"template_name": "bar"}]`,
    );
    await s.get("content_templates/foo");
    s.code(200);
    await s.delete("content_types/foo");
    await s.get("content_templates/foo");
    s.code(200);
  });

  f.scenario("Disabling content profile fails if there are references", ["auth"], async (s) => {
    await s.given("content_types", `[{"_id": "foo", "enabled": true}]`);
    await s.given(
      "content_templates",
      `[{"template_name": "foo", "data": {"profile": "foo"}}, {"template_name": "bar"}]`,
    );
    await s.get("content_templates/foo");
    s.code(200);
    await s.patch("content_types/foo", `{"enabled": false}`);
    s.code(400);
    await s.patch("content_templates/foo", `{"data": {"profile": null}}`);
    await s.patch("content_types/#content_types._id#", `{"enabled": false}`);
    s.code(200);
    await s.patch("content_types/#content_types._id#", `{"enabled": true}`);
    await s.post("/desks", `{"name": "Sports Desk", "default_content_profile": "foo"}`);
    await s.patch("content_types/#content_types._id#", `{"enabled": false}`);
    s.code(400);
  });

  f.scenario(
    "Updated content profile removes the field value from template",
    ["auth"],
    async (s) => {
      await s.given("content_types", FOO_TEMPLATE_PROFILE);
      await s.given(
        "content_templates",
        `[{"template_name": "foo", "data": {"slugline": "Testing the slugline", "headline": "Testing the headline", "profile": "foo"}}]`,
      );
      await s.patch(
        "content_types/foo",
        `{"schema": {
        "headline": null,
        "slugline" : {"type" : "string", "nullable" : true, "maxlength" : 24, "required" : false},
        "place": {"default": [{"name": "Prague"}]}
      }}`,
      );
      await updatedAndTemplateKept(s);
      noKeyInData(s, "headline");
    },
  );

  f.scenario("Add custom fields on edit", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "foo", "display_name": "Foo", "field_type": "text"},
        {"_id": "bar", "display_name": "Bar", "service": {"all": 1}}]`,
    );
    await s.given("content_types", `[{"_id": "profile"}]`);
    await s.get("/content_types/profile?edit=true");
    s.existingResource(`{
      "schema": {"foo": {"type": "text", "required": false}},
      "editor": {"foo": {"enabled": false, "field_name": "Foo"}}
    }`);
    await s.patch(
      "/content_types/profile",
      `{"editor": {"foo": {"enabled": true}}, "schema": {"foo": {"required": true, "type": "text"}}}`,
    );
    await s.get("/content_types/profile?edit=true");
    s.existingResource(`{"editor": {"foo": {"enabled": true}}}`);
  });

  f.scenario("Remove custom vocabulary when used in a content type", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "foo", "display_name": "Foo", "field_type": "text", "items": []}]`,
    );
    await s.given(
      "content_types",
      `[{"_id": "profile", "label": "Profile", "editor": {"foo": {"enabled": true}}, "schema": {"foo": {"required": true, "type": "text"}}}]`,
    );
    await s.delete("/vocabularies/foo");
    s.code(
      400,
      `{"_message": "Vocabulary Foo is used in 1 content type(s)", "_status": "ERR",
        "_issues": {"content_types": [{"_id": "profile", "label": "Profile", "_links": {"self": {"href": "__any_value__"}}}]}}`,
    );
  });

  f.scenario("Keep user preffered required status for core subjects", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "foo", "service": {"all": 1}, "field_type": null}]`,
    );
    await s.post("content_types", `{"_id": "test"}`);
    const subject = (required: boolean) =>
      `"subject": {"required": ${required}, "default": [], "nullable": true, "schema": {}, "type": "list", "mandatory_in_list": {"scheme": {}}}`;
    const foo = (required: boolean) =>
      `"foo": {"default": [], "required": ${required}, "type": "list"}`;
    await s.patch(
      "content_types/test",
      `{"schema": {${foo(false)}, ${subject(false)}},
        "editor": {"foo": {"enabled": true, "required": false}, "subject": {"enabled": true, "required": false}}}`,
    );
    await s.patch("content_types/test", `{"schema": {${foo(false)}, ${subject(true)}}}`);
    await s.get("content_types/test");
    s.existingResource(`{"schema": {"subject": {"required": true}}}`);
    await s.patch("content_types/test", `{"schema": {${foo(true)}, ${subject(false)}}}`);
    await s.get("content_types/test");
    s.existingResource(`{"schema": {"subject": {"required": false}}}`);
  });

  f.scenario("Only 1 profile can be added for non text item types", ["auth"], async (s) => {
    await s.post("content_types", `{"_id": "foo", "type": "picture"}`);
    s.newResource();
    await s.post("content_types", `{"_id": "bar", "type": "picture"}`);
    s.code(400, `{"_status": "ERR", "_issues": {"type": "Only 1 instance is allowed."}}`);
  });

  f.scenario(
    "Updating the content profile doesn't change template metadata",
    ["auth"],
    async (s) => {
      await s.given("content_types", FOO_TEMPLATE_PROFILE);
      await s.given(
        "content_templates",
        `[{"template_name": "foo", "data": {"slugline": "Testing the slugline", "headline": "Testing the headline", "profile": "foo", "language": "fr"}}]`,
      );
      await s.patch(
        "content_types/foo",
        `{"schema": {
        "headline": null,
        "slugline" : {"type" : "string", "nullable" : true, "maxlength" : 24, "required" : false},
        "language": null,
        "place": {"default": [{"name": "Prague"}]}
      }}`,
      );
      await updatedAndTemplateKept(s);
      noKeyInData(s, "headline");
      noKeyInData(s, "language");
    },
  );

  f.scenario(
    "Removing the keywords field from content profile should not show the keywords field again",
    ["auth"],
    async (s) => {
      await givenRaw(
        s,
        "vocabularies",
        `[{"_id": "keywords", "display_name": "keywords_little", "service": {"all": 1},
           "items": [{"name": "k1", "parent": "k1", "qcode": "k1"}]}]`,
      );
      await s.given("content_types", `[{"_id": "profile"}]`);
      await s.get("/content_types/profile?edit=true");
      s.existingResource(`{
        "schema": {"keywords": {"type": "list", "required": false}},
        "editor": {"keywords": {"enabled": false}}
      }`);
      await s.patch("/content_types/profile", `{"editor": {"keywords": {"enabled": true}}}`);
      await s.get("/content_types/profile?edit=true");
      s.existingResource(`{"editor": {"keywords": {"enabled": true}}}`);
      await s.patch("/content_types/profile", `{"editor": {"keywords": {"enabled": false}}}`);
      await s.get("/content_types/profile?edit=true");
      s.existingResource(`{"editor": {"keywords": {"enabled": false}}}`);
    },
  );

  f.scenario("Language CV should not override language schema field", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "language", "display_name": "Language CV", "service": {"all": 1},
         "items": [{"name": "English", "qcode": "en"}]}]`,
    );
    await s.given("content_types", `[{"_id": "profile"}]`);
    await s.get("/content_types/profile?edit=true");
    s.existingResource(`{
      "schema": {"language": {"type": "string", "required": false}},
      "editor": {"language": {"enabled": false}}
    }`);
    await s.patch("/content_types/profile", `{"editor": {"language": {"enabled": true}}}`);
    await s.get("/content_types/profile");
    s.existingResource(`{
      "editor": {"language": {"enabled": true}},
      "schema": {"language": {"type": "string"}}
    }`);
  });
});
