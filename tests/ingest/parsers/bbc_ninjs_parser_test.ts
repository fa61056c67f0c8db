import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { bbcNinjsParser } from "../../../src/ingest/parsers/bbc_ninjs_parser.ts";
import { fixture } from "../_fixtures.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

Deno.test("bbc_ninjs: a story with a feature image, its picture and package; a bad story is a 1001 problem", () => {
  const { items, problems } = bbcNinjsParser.parse(fixture("bbc_ninjs_page.json"), {});
  assert.deepEqual(problems.map((p) => p.code), [1001]);
  assert.match(problems[0]!.message, /bad firstcreated "yesterday"/);
  assert.deepEqual(items.map((item) => item.type), ["text", "picture", "composite", "text"]);
  const [story, picture, pkg, library] = items;
  assert.equal(story!.guid, `urn:bbc:ninjs:${sha1("https://ldrs.example/stories/901")}`);
  assert.equal(story!.uri, "https://ldrs.example/stories/901");
  assert.equal(story!.headline, "Council approves bus lane plan");
  assert.equal(story!.byline, "Sam Reporter");
  assert.equal(story!.urgency, 3);
  assert.equal((story!.embargo as Date).toISOString(), "2026-12-06T12:00:00.000Z");
  assert.equal((story!.firstcreated as Date).toISOString(), "2026-12-06T09:10:00.000Z");
  assert.equal((story!.versioncreated as Date).toISOString(), "2026-12-06T09:40:00.000Z");
  assert.deepEqual(story!.subject, [{ qcode: "04015000", name: "transport" }]);
  const feature = (story!.associations as Record<string, Record<string, unknown>>).featuremedia!;
  assert.equal(feature.type, "picture");
  assert.equal(feature.headline, "bus.jpg");
  assert.equal(feature.guid, `urn:bbc:ninjs:${sha1("https://ldrs.example/img/bus.jpg")}`);
  assert.equal(feature.id, undefined);
  assert.deepEqual(Object.keys(story!.associations as object), ["featuremedia"]);
  assert.equal(picture!.headline, "bus.jpg");
  assert.equal(picture!.description_text, "A bus in Bristol");
  assert.deepEqual(picture!.renditions, {
    baseImage: { href: "https://ldrs.example/img/bus.jpg" },
  });
  assert.equal(pkg!.guid, `${story!.guid}-package`);
  assert.deepEqual(
    (pkg!.groups as { refs: { residRef?: string }[] }[])[1]!.refs.map((r) => r.residRef),
    [story!.guid, picture!.guid],
  );
  assert.deepEqual(library!.subject, [{ qcode: "01009000", name: "library and museum" }]);
});

Deno.test("bbc_ninjs: a story with an unreadable embargo is a 1001 problem, the others are kept", () => {
  const story = (id: number, embargotime: string) => ({
    uri: `https://ldrs.example/stories/${id}`,
    type: "story",
    firstcreated: "2026-12-06T09:10:00",
    versioncreated: "2026-12-06T09:10:00",
    embargotime,
  });
  const page = { total: 2, item: [story(1, "next week"), story(2, "2026-12-07T00:01:00")] };
  const { items, problems } = bbcNinjsParser.parse(
    new TextEncoder().encode(JSON.stringify(page)),
    {},
  );
  assert.match(problems.map((p) => p.message).join(), /bad embargotime "next week"/);
  assert.deepEqual(items.map((item) => (item.embargo as Date).toISOString()), [
    "2026-12-07T00:01:00.000Z",
  ]);
});

Deno.test("bbc_ninjs: a payload that is no BBC NINJS page is error 1001", () => {
  for (const text of ["not json", "[]", `{"total": 0}`]) {
    assert.throws(
      () => bbcNinjsParser.parse(new TextEncoder().encode(text), {}),
      (error: unknown) => error instanceof IngestError && error.code === 1001,
    );
  }
});
