/**
 * Superdesk's features/export.feature over HTTP; the download is also read back (its one entry
 * is the item's NINJS), which Superdesk's steps do not.
 */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const STORY = `[{"guid": "123", "type": "text", "headline": "test",
  "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
  "subject":[{"qcode": "17004000", "name": "Statistics"}],
  "slugline": "test",
  "body_html": "Test Document body"}]`;

/** `we get "#export.url#"` and its headers; answers the zip's first entry (name, text). */
async function download(s: Scenario): Promise<[string, string]> {
  const url = new URL(s.response.body.url);
  const response = await s.app.app.request(url.pathname + url.search, {
    headers: { Authorization: s.authorization! },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("Content-Disposition"), 'attachment; filename="export.zip"');
  assert.equal(response.headers.get("Content-Type"), "application/zip");
  const zip = new DataView(await response.arrayBuffer());
  assert.equal(zip.getUint32(0, true), 0x04034b50);
  const size = zip.getUint32(18, true);
  const nameLength = zip.getUint16(26, true);
  const text = (at: number, length: number) =>
    new TextDecoder().decode(new Uint8Array(zip.buffer, at, length));
  return [text(30, nameLength), text(30 + nameLength, size)];
}

/** The first two scenarios (the second named the same in Superdesk) differ in their rules. */
for (
  const [title, schema, validate] of [
    ["Export a story with validate option OFF", "{}", false],
    [
      "Export a story with validate option OFF (a headline rule, validated)",
      `{"headline": {"required": true}}`,
      true,
    ],
  ] as const
) {
  feature("export", (f) => {
    f.scenario(title, ["auth"], async (s) => {
      await s.given("validators", `[{"schema": ${schema}, "type": "text", "act": "publish"}]`);
      await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
      await s.postWithSuccess("/archive", STORY);
      s.ok();
      const uniqueId = s.response.body.unique_id;
      assert.ok(Number.isInteger(uniqueId), JSON.stringify(s.response.body));
      await s.post(
        "/export",
        `{"item_ids": ["#archive._id#"], "format_type": "NINJSFormatter", "validate": ${validate}}`,
      );
      s.code(201);
      s.newResource(`{"failures": 0, "url": "__any_value__"}`);
      const [name, text] = await download(s);
      // Superdesk's `<slugline>_<unique_id>.txt`: the counter's number, not the guid.
      assert.equal(name, `test_${uniqueId}.txt`);
      assert.equal(JSON.parse(text).headline, "test");
    });
  });
}

feature("export", (f) => {
  f.scenario("Fail to export an invalid story with validate option ON", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{"headline": {"required": true}}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    await s.post(
      "/export",
      `{"item_ids": ["#archive._id#"], "format_type": "NINJSFormatter", "validate": true}`,
    );
    s.code(201);
    s.newResource(`{"failures": 1, "url": "__none__"}`);
  });

  f.scenario("Inline export", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.postWithSuccess("/archive", STORY);
    s.ok();
    await s.post(
      "/export",
      `{"item_ids": ["#archive._id#"], "format_type": "NINJSFormatter", "validate": false, "inline": true}`,
    );
    s.code(201, `{"export": {"#archive._id#": {"guid": "123", "headline": "test"}}}`);
  });
});
