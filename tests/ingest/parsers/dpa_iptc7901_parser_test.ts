import assert from "node:assert/strict";
import { DATELINE_CITY } from "../../../src/ingest/dateline_city.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import {
  datelineOpening,
  dpaIptc7901Parser,
} from "../../../src/ingest/parsers/dpa_iptc7901_parser.ts";
import { fixture } from "../_fixtures.ts";

/** A dpa file whose STX line and the lines after it are `header`, then one paragraph. */
function dpaStory(header: string[]) {
  const text = `\x01eca0001 4 rs 46  dpa 0027\r\n\nSlug/\r\n\x02${header.join("\n")}\r\n\n` +
    `Rome (dpa) - Text.\r\n\x03`;
  return dpaIptc7901Parser.parse(new TextEncoder().encode(text), {}).items[0]!;
}

Deno.test("dpa_iptc7901: header, byline, take key, dateline city, paragraphs and note", () => {
  const { items, problems } = dpaIptc7901Parser.parse(fixture("dpa_story.txt"), {});
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.equal(item!.type, "text");
  assert.equal(item!.ingest_provider_sequence, "0412");
  assert.equal(item!.priority, 3);
  assert.deepEqual(item!.anpa_category, [{ qcode: "i" }]);
  assert.equal(item!.word_count, 120);
  assert.equal(item!.slugline, "Austria/weather");
  assert.equal(item!.headline, "Snow closes Alpine passes as winter arrives early");
  assert.equal(item!.byline, "Anna Beispiel");
  assert.equal(item!.anpa_take_key, "REFILE 2ND LEAD");
  assert.deepEqual(item![DATELINE_CITY], { city: "Innsbruck", source: "dpa", keepUnknown: true });
  assert.equal(
    item!.body_html,
    "<p>Heavy snow closed three Alpine passes in western Austria on Sunday, the road authority " +
      "said.</p><p>Drivers were told to fit chains above 1,200 metres, and the Brenner motorway " +
      `ran slowly (speed limit 60 km/h; "Schneefall" warnings).</p>`,
  );
  assert.match(String(item!.ednote), /^## Editorial contacts/);
});

Deno.test("dpa_iptc7901: the line before the header's end is the headline, the STX line the take key", () => {
  const item = dpaStory(["EXTRA", "Talks to take place next month ="]);
  assert.equal(item.headline, "Talks to take place next month");
  assert.equal(item.anpa_take_key, "EXTRA");
  assert.equal(item.byline, undefined);
  assert.equal(item.body_html, "<p>Text.</p>");
  assert.equal((item[DATELINE_CITY] as { city: string }).city, "Rome");
});

Deno.test("dpa_iptc7901: a lone byline keeps the STX line as headline; one line is the headline", () => {
  const byline = dpaStory(["Would be a fun final", "By Tom Example, The Daily ="]);
  assert.equal(byline.headline, "Would be a fun final");
  assert.equal(byline.byline, "Tom Example, The Daily");
  assert.equal(byline.anpa_take_key, undefined);
  const single = dpaStory(["Impressum ="]);
  assert.equal(single.headline, "Impressum");
  assert.equal(single.anpa_take_key, undefined);
  assert.deepEqual(single.anpa_category, [{ qcode: "rs" }]);
});

Deno.test("dpa_iptc7901: a far or long opening is no dateline", () => {
  const text = `\x01eca0001 4 i 46  dpa 0027\r\n\x02Head =\r\n\n` +
    `A very long place name here (dpa) - Text.\r\n\x03`;
  const [item] = dpaIptc7901Parser.parse(new TextEncoder().encode(text), {}).items;
  assert.equal(item![DATELINE_CITY], undefined);
  assert.equal(item!.body_html, "<p>A very long place name here (dpa) - Text.</p>");
});

Deno.test("dpa_iptc7901: the dateline opening is cut at the first source mark, as Superdesk's partition", () => {
  assert.deepEqual(datelineOpening("   Berlin (dpa) - Text (dpa) - more"), {
    city: "Berlin",
    rest: "Text (dpa) - more",
  });
  assert.deepEqual(datelineOpening("Rio de Janeiro (dpa) - "), {
    city: "Rio de Janeiro",
    rest: "",
  });
  for (
    const line of [
      " (dpa) - Text",
      "Berlin (dpa)- Text",
      "Berlin",
      "A place name of twenty (dpa) - x",
    ]
  ) {
    assert.equal(datelineOpening(line), undefined, line);
  }
});

Deno.test("dpa_iptc7901: a file that is not IPTC 7901 is error 1008", () => {
  assert.throws(
    () => dpaIptc7901Parser.parse(new TextEncoder().encode("<nitf/>"), {}),
    (error: unknown) => error instanceof IngestError && error.code === 1008,
  );
});
