import assert from "node:assert/strict";
import { iptc7901Parser } from "../../../src/ingest/parsers/iptc7901_parser.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const now = new Date("2026-03-01T10:00:00Z");
const STORY = "\x01dpa0153 4 u 33 dpa 0153\r\nFussball/Bundesliga/\r\n" +
  "\x02M\xfcnchen gewinnt in K\xf6ln\r\n" +
  "   K\xf6ln (dpa) - Bayern gewinnt 3:1 <a> & b.\r\n\r\n   Die Tore fielen nach der Pause.\r\n" +
  "The following information is not for publication\r\nBilder folgen.\r\n\x03\r\n";

Deno.test("IPTC 7901: header line, slugline, Latin-1 headline, body and editor's note", () => {
  const { items, problems } = iptc7901Parser.parse(latin1(STORY), { now });
  assert.deepEqual(problems, []);
  const [item] = items;
  assert.match(String(item!.guid), /^urn:iptc7901:dpa:0153:[0-9a-f]{8}$/);
  assert.equal(iptc7901Parser.parse(latin1(STORY), { now }).items[0]!.guid, item!.guid);
  assert.equal(item!.type, "text");
  assert.equal(item!.original_source, "dpa");
  assert.equal(item!.ingest_provider_sequence, "0153");
  assert.equal(item!.priority, 4);
  // `u` (and `x`) are international news, `i`.
  assert.deepEqual(item!.anpa_category, [{ qcode: "i" }]);
  assert.equal(item!.word_count, 33);
  assert.equal(item!.slugline, "Fussball/Bundesliga");
  assert.equal(item!.headline, "München gewinnt in Köln");
  assert.equal(
    item!.body_html,
    "<p>Köln (dpa) - Bayern gewinnt 3:1 &lt;a&gt; &amp; b.</p><p>Die Tore fielen nach der Pause.</p>",
  );
  assert.equal(item!.ednote, "Bilder folgen.");
  assert.equal(item!.versioncreated, now.toISOString());
});

Deno.test("IPTC 7901: a category is kept as sent, an unreadable priority is ordinary", () => {
  const { items } = iptc7901Parser.parse(latin1("\x01afp12 z SPO 5 x\n\x02Title\nText\n\x03"), {});
  assert.deepEqual(items[0]!.anpa_category, [{ qcode: "SPO" }]);
  assert.equal(items[0]!.priority, 6);
  assert.equal(items[0]!.body_html, "<p>Text</p>");
  assert.equal(items[0]!.slugline, undefined);
});

Deno.test("IPTC 7901: a file without the SOH header line is refused with 1008", () => {
  assert.throws(() => iptc7901Parser.parse(latin1("just text\n\x02Title\n\x03"), {}), (error) => {
    assert.ok(error instanceof IngestError);
    assert.equal(error.code, 1008);
    return true;
  });
});

Deno.test("IPTC 7901: teletype control characters are dropped and an ETX inside a line ends the story", () => {
  const file = "\x01dpa7 4 s 12 dpa 7\r\n\x16Sport/\r\n\x02Tor\x07 in K\xf6ln\r\n" +
    "Der Ball\x00 ist rund.\x1a\r\nBilder folgen.\x03\x04\r\nNachspann\r\n";
  const [item] = iptc7901Parser.parse(latin1(file), { now }).items;
  assert.equal(item!.slugline, "Sport");
  assert.equal(item!.headline, "Tor in Köln");
  assert.equal(item!.body_html, "<p>Der Ball ist rund.</p><p>Bilder folgen.</p>");
});
