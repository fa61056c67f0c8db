/**
 * A subscriber destination with `format: "newsml12"` receives the published story as NewsML 1.2,
 * numbered with the subscriber's sequence, and its correction as a `Correction` of the next
 * revision. Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { body } from "../newsroom/_newsroom.ts";
import { parseXml } from "../../src/xml/xml_reader.ts";
import { at, attr, textOf } from "../../src/xml/xml_query.ts";
import { publishingTest } from "./_publishing.ts";
import { hasXmllint, wellFormedErrors } from "./_schemas.ts";

const xmllint = hasXmllint();

function newsItem(xml: string) {
  return parseXml(xml.replace(/^<\?xml[^>]*\?><!DOCTYPE[^>]*>/, ""));
}

publishingTest(
  "a newsml12 destination receives NewsML 1.2 on publish and correct",
  async (room) => {
    const product = await room.product({});
    await room.subscriber({
      name: "Legacy wire",
      subscriber_type: "wire",
      products: [product._id],
      destinations: [room.pushTo("/nml12", "newsml12")],
    });
    const story = await room.story({ headline: "Budget passes", slugline: "budget" });
    const published = await body(await room.act("publish", story));
    await room.events.until(
      (events) =>
        events.some((e) => e.event === "publish_queue:update" && e.extra.state === "success"),
      "the NewsML 1.2 delivery",
      20_000,
    );
    const [delivery] = room.receiver.received;
    if (xmllint) assert.equal(await wellFormedErrors(delivery!.body), "");
    const doc = newsItem(delivery!.body);
    assert.match(String(textOf(at(doc, "NewsEnvelope/TransmissionId"))), /^\d+$/);
    const id = at(doc, "NewsItem/Identification/NewsIdentifier");
    assert.equal(textOf(at(id, "NewsItemId")), published.guid);
    assert.equal(textOf(at(id, "RevisionId")), String(published._current_version));
    assert.equal(
      textOf(at(doc, "NewsItem/NewsComponent/NewsComponent/NewsLines/HeadLine")),
      "Budget passes",
    );
    assert.equal(attr(at(doc, "NewsItem/NewsManagement/Instruction"), "FormalName"), "Update");

    const corrected = await body(
      await room.act("correct", published, { headline: "Budget passed" }),
    );
    await room.events.until(
      (events) =>
        events.filter((e) => e.event === "publish_queue:update" && e.extra.state === "success")
          .length >= 2,
      "the correction's delivery",
      20_000,
    );
    const correction = newsItem(room.receiver.received[1]!.body);
    assert.equal(
      attr(at(correction, "NewsItem/NewsManagement/Instruction"), "FormalName"),
      "Correction",
    );
    const revision = at(correction, "NewsItem/Identification/NewsIdentifier/RevisionId");
    assert.equal(textOf(revision), String(corrected._current_version));
    assert.equal(attr(revision, "PreviousRevision"), String(corrected._current_version - 1));
    assert.ok(
      Number(textOf(at(correction, "NewsEnvelope/TransmissionId"))) >
        Number(textOf(at(doc, "NewsEnvelope/TransmissionId"))),
    );
  },
);
