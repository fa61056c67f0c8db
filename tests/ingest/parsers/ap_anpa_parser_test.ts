import assert from "node:assert/strict";
import { AP_CATEGORY_MAP } from "../../../src/ingest/ap_category_map.ts";
import { DATELINE_CITY } from "../../../src/ingest/dateline_city.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import {
  apAnpaParser,
  apDatelineCity,
  edsNote,
} from "../../../src/ingest/parsers/ap_anpa_parser.ts";
import { fixture } from "../_fixtures.ts";

const parse = (name: string) => {
  const { items, problems } = apAnpaParser.parse(fixture(name), {});
  assert.deepEqual(problems, []);
  assert.equal(items.length, 1);
  return items[0]!;
};

Deno.test("AP ANPA: a sports story gets AP's dateline, subject, category mark and Eds: note", () => {
  const item = parse("ap_anpa_hockey.tst");
  assert.equal(item.headline, "Flames rally late to beat Oilers 4-3 in overtime");
  assert.equal(item.slugline, "HKN--Oilers-Flames");
  assert.equal(item.anpa_take_key, "2ndLd-Writethru");
  assert.equal(item.byline, "By MARIT NORDBY");
  assert.equal(item.priority, 6);
  assert.equal(item.word_count, 412);
  assert.deepEqual(item.anpa_category, [{ qcode: "z" }]);
  assert.equal(item[AP_CATEGORY_MAP], true);
  assert.deepEqual(item.subject, [{ qcode: "15031000", name: "ice hockey" }]);
  assert.equal(item.ednote, "Flames 4, Oilers 3, OT. Adds quotes. With AP Photos.");
  assert.deepEqual(item[DATELINE_CITY], {
    city: "CALGARY",
    source: "AP",
    keepUnknown: true,
    formatted: true,
  });
  assert.equal((item.firstcreated as Date).toISOString(), "2026-12-06T05:41:00.000Z");
  assert.match(String(item.body_html), /^<p>CALGARY, Alberta \(AP\) _ Nazem Kadri/);
  assert.match(String(item.body_html), /three straight &amp; sits fifth/);
});

Deno.test("AP ANPA: an alert takes its first paragraph after the dateline as headline", () => {
  const item = parse("ap_anpa_alert.tst");
  assert.equal(
    item.headline,
    "Colorado lawmakers pass a bill to ban the sale of flavored nicotine products statewide, " +
      "sending it to the governor.",
  );
  assert.equal(item.priority, 3);
  assert.equal(item.slugline, "US--APNewsAlert");
  assert.equal(item.subject, undefined);
  assert.equal((item[DATELINE_CITY] as { city: string }).city, "DENVER");
});

Deno.test("AP ANPA: a parenthesised Eds: note and a dateline city before a comma", () => {
  const item = parse("ap_anpa_business.tst");
  assert.equal(item.ednote, "(Updates with closing prices. With BC-US--Wall Street.)");
  assert.equal(item.slugline, "Europe-Markets");
  assert.equal(item.subject, undefined, "no sports prefix");
  assert.equal((item[DATELINE_CITY] as { city: string }).city, "LONDON");
});

Deno.test("AP ANPA: the dateline and note rules on their own", () => {
  assert.equal(apDatelineCity(["no mark here", "ROME (AP) _ Text"]), "ROME");
  assert.equal(apDatelineCity(["SPRINGFIELD, Ill. (AP) _ Text"]), "SPRINGFIELD");
  assert.equal(apDatelineCity(["Dec. 7, 2026 (AP) _ Text"]), undefined, "a date, no city");
  assert.equal(apDatelineCity(["12 BOSTON (AP) _ Text", "ROME (AP) _ Text"]), undefined);
  assert.equal(apDatelineCity(["ROME _ Text"]), undefined);
  assert.equal(edsNote("AP Photo XYZ101"), undefined);
  assert.equal(edsNote("Moved. Eds: Adds detail."), "Adds detail.");
});

Deno.test("AP ANPA: no headline in an alert without paragraphs, and malformed files are 1003", () => {
  const text =
    "\x16\x16\x01a0001\x1fx\r\nb a\x13\x11 BC-US--Alert     12-07 0001\r\n\x02^BC-US--Alert<\r\n\x03";
  const item = apAnpaParser.parse(Uint8Array.from(text, (c) => c.charCodeAt(0)), {}).items[0]!;
  assert.equal(item.headline, undefined);
  assert.equal(item[DATELINE_CITY], undefined);
  for (const bad of ["not anpa at all", "\x16\x16\x01a0001\x1fx\r\nno body markers"]) {
    assert.throws(
      () => apAnpaParser.parse(new TextEncoder().encode(bad), {}),
      (error: unknown) => error instanceof IngestError && error.code === 1003,
    );
  }
});
