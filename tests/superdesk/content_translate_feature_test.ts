/**
 * Superdesk's features/content_translate.feature over HTTP; the translation macro is the
 * built-in `usd_to_cad` at Superdesk's test rate of 2 (`USD_TO_CAD_RATE`).
 */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { expireItems } from "./_expiry_steps.ts";
import type { Scenario } from "./scenario.ts";

/** `we get package items`: each item the package's `main` group names matches, in order. */
async function packageItems(s: Scenario, text: string) {
  const main = s.response.body.groups.find((group: { id: string }) => group.id === "main");
  const wanted = s.json(text);
  assert.equal(main.refs.length, wanted.length);
  for (const [index, ref] of main.refs.entries()) {
    await s.get(`/archive/${ref.residRef}`);
    s.existingResource(JSON.stringify(wanted[index]));
  }
}

feature("content_translate", (f) => {
  f.scenario("Translate content item", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "draft",  "language": "en-CA", "body_html": "$10", "firstcreated": "2018-01-01T01:01:01+0000"}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.post("/archive/translate", `{"guid": "123", "language": "en-AU"}`);
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"translation_id": "123", "translations": ["#translate._id#"]}`);
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"type":"text", "headline": "test1", "state": "draft", "sign_off": "abc", "language": "en-AU", "body_html": "$10 (CAD 20)", "translated_from": "123", "translation_id": "123", "firstcreated": "__now__"}`,
    );
    await s.post("/archive/translate", `{"guid": "#translate._id#", "language": "de"}`);
    await s.get("/archive/#translate._id#");
    s.existingResource(`{"language": "de", "translation_id": "123", "translations": "__none__"}`);
    await s.post("/archive/translate", `{"guid": "123", "language": "en-AU"}`);
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"language": "en-AU", "translation_id": "123", "translated_from": "123", "translations": "__none__"}`,
    );
    await s.post(
      "/archive/#translate._id#/duplicate",
      `{"desk": "#desks._id#", "type": "archive"}`,
    );
    await s.get("/archive/#duplicate._id#");
    s.existingResource(
      `{"translation_id": "__none__", "translations": "__none__", "translated_from": "__none__"}`,
    );
  });

  f.scenario("Translate published content item", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "#CONTEXT_USER_ID#",
         "state": "submitted", "source": "REUTERS", "subject":[{"qcode": "17004000", "name": "Statistics"}],
         "body_html": "Test Document body",
         "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.patch("/archive/123", `{"publish_schedule":"#DATE+1#"}`);
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire", "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"],
        "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.post("/archive/translate", `{"guid": "123", "language": "de"}`);
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"type":"text", "headline": "test1", "state": "submitted", "sign_off": "abc", "language": "de", "source": "AAP",
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body"}`,
    );
    await s.get("/published");
    s.list(1, `{"_items": [{"translation_id": "123", "translations": ["#translate._id#"]}]}`);
  });

  f.scenario("Translate package", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "test"}]`);
    await s.given(
      "archive",
      `[{"type": "text", "headline": "text-item", "guid": "text-item", "state": "submitted", "language": "en", "original_creator": "#CONTEXT_USER_ID#"},
        {"type": "picture", "headline": "picture-item", "guid": "picture-item", "state": "submitted", "language": "en", "original_creator": "#CONTEXT_USER_ID#"}]`,
    );
    await s.post(
      "archive",
      `{"type": "composite", "headline": "package", "guid": "package", "language": "en", "groups": [
         {"id": "root", "refs": [{"idRef": "main"}]},
         {"id": "main", "refs": [{"residRef": "text-item"}, {"residRef": "picture-item"}]}],
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    s.newResource();
    await s.post(
      "/archive/translate",
      `{"guid": "package", "language": "de", "desk": "#desks._id#"}`,
    );
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"translated_from": "package", "operation": "translate", "task": {"stage": "#desks.working_stage#"}}`,
    );
    await packageItems(
      s,
      `[{"type": "text", "language": "de", "translated_from": "text-item"},
        {"type": "picture", "language": "de", "translated_from": "picture-item"}]`,
    );
  });

  f.scenario("Remove link when translation expires", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "draft", "language": "en-CA", "body_html": "test"}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.post("/archive/translate", `{"guid": "123", "language": "en-AU"}`);
    await s.patch("/archive/#translate._id#", `{"task": {"desk": "#desks._id#"}}`);
    s.ok();
    await expireItems(s, `["#translate._id#"]`);
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"translation_id": "123", "translations": "__empty__"}`);
  });
}, { env: { USD_TO_CAD_RATE: "2" } });
