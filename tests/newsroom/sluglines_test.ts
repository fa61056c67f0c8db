/**
 * `GET /api/desks/<id>/sluglines` beyond Superdesk's two scenarios: a family's newer slugline
 * replaces the older one (listed in `old_sluglines`), a repeated slugline shows as `-`, legal
 * stories are prefixed, and copies that are not the latest or are of other desks are left out.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest(
  "a desk's sluglines follow families, repeats and legal flags, latest copies only",
  async (room) => {
    const { app, editor, outsider, desk } = room;
    const published = app.platform.registry.service("published");
    const copy = (id: string, fields: Doc) => ({
      _id: id,
      state: "published",
      type: "text",
      last_published_version: true,
      task: { desk: desk._id },
      ...fields,
    });
    await published.create(
      [
        copy("a1", { slugline: "Budget", headline: "first", family_id: "fa" }),
      ],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    await published.create(
      [
        copy("a2", { slugline: "Budget vote", headline: "second", family_id: "fa" }),
        copy("b", { slugline: "budget VOTE", headline: "other story", family_id: "fb" }),
        copy("c", {
          slugline: "Court",
          headline: "legal",
          family_id: "fc",
          flags: { marked_for_legal: true },
        }),
        copy("d", {
          slugline: "Old",
          headline: "old",
          family_id: "fd",
          last_published_version: false,
        }),
        copy("e", {
          slugline: "Elsewhere",
          headline: "other desk",
          family_id: "fe",
          task: { desk: "x" },
        }),
      ],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const sluglines = await body(await editor.get(`/api/desks/${desk._id}/sluglines`));
    assert.equal(sluglines._items.length, 1);
    const [domestic] = sluglines._items;
    assert.equal(domestic.place, "Domestic");
    const byHeadline = Object.fromEntries(
      domestic.items.map((item: Doc) => [item.headline, [item.slugline, item.old_sluglines]]),
    );
    assert.deepEqual(Object.keys(byHeadline).sort(), ["legal", "other story", "second"]);
    assert.deepEqual(byHeadline.second, ["Budget vote", ["Budget"]]);
    assert.deepEqual(byHeadline["other story"], ["-", []]);
    assert.deepEqual(byHeadline.legal, ["Legal: Court", []]);
    await refused(await outsider.get(`/api/desks/${"0".repeat(24)}/sluglines`), 404);
  },
);
