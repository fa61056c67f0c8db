/**
 * superdesk-client-core's Protractor spec authoring "authoring history" (e2e/client/specs/
 * authoring_spec.ts:144), its helpline step replayed as the client sends it, on both stores: a
 * helpline picked in authoring is the item's `body_footer` (saved with the item), the item is
 * published, and the history's transmission details show the queue entry's formatted item
 * (scripts/apps/authoring/versioning/history/TransmissionDetailsDirective.ts: `GET
 * publish_queue` where `item_id` and `item_version`), which must hold the helpline: Superdesk's
 * formatters publish the body followed by the footer (`Formatter.append_body_footer`, used by
 * its NINJS and NITF formatters), `<br>` written `<br/>`.
 */
import assert from "node:assert/strict";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

const HELPLINE = "<p>Kids Helpline 1800 55 1800</p>";

publishingTest("a published item's body carries its helpline footer", async (room) => {
  const product = await room.product({});
  await room.subscriber({
    name: "Digital",
    subscriber_type: "digital",
    products: [product._id],
    destinations: [room.pushTo("/ninjs"), room.pushTo("/nitf", "nitf")],
  });
  const story = await room.story({ headline: "item6", body_html: "<p>item6<br>text</p>" });
  const saved = await body(
    await room.editor.patch(`/api/archive/${story._id}`, { body_footer: HELPLINE }, {
      etag: story._etag,
    }),
  );
  const published = await body(await room.act("publish", saved));
  await room.events.until(
    (events) =>
      events.filter((e) => e.event === "publish_queue:update" && e.extra.state === "success")
        .length >= 2,
    "two queue entries sent",
    20_000,
  );
  const where = JSON.stringify({
    $and: [{ item_id: story._id }, { item_version: published._current_version }],
  });
  const entries = (await body(
    await room.editor.get(`/api/publish_queue?where=${where}&max_results=20`),
  ))._items as Json[];
  const byFormat = Object.fromEntries(entries.map((entry) => [entry.destination.format, entry]));
  const ninjs = JSON.parse(byFormat.ninjs.formatted_item);
  assert.equal(ninjs.body_html, `<p>item6<br/>text</p>${HELPLINE}`);
  assert.match(byFormat.nitf.formatted_item, /<body\.content>.*Kids Helpline 1800 55 1800/s);
});
