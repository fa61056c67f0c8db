import assert from "node:assert/strict";
import {
  decodeText,
  durationText,
  macDateText,
  percentText,
  storedValue,
  tagDate,
  tagText,
} from "../../src/media/av_values.ts";

Deno.test("durations print as Python's timedelta, from a millisecond to a year", () => {
  assert.equal(durationText(0), undefined);
  assert.equal(durationText(366 * 86400), undefined);
  assert.equal(durationText(60), "0:01:00");
  assert.equal(durationText(20.0881632), "0:00:20.088163");
  assert.equal(durationText(3 * 86400 + 0.000001), "3 days, 0:00:00.000001");
  assert.equal(durationText(86400 + 1.5), "1 day, 0:00:01.500000");
  assert.equal(durationText(-1), undefined);
  assert.equal(durationText(Infinity), undefined);
  assert.equal(durationText(NaN), undefined);
});

Deno.test("QuickTime times print as Python's datetime; past year 9999 there is none", () => {
  assert.equal(macDateText(0), "1904-01-01 00:00:00");
  assert.equal(
    macDateText(Date.UTC(2024, 4, 6, 7, 8, 9) / 1000 + 2_082_844_800),
    "2024-05-06 07:08:09",
  );
  assert.equal(macDateText(2 ** 53), undefined);
});

Deno.test("tag dates read as hachoir reads them", () => {
  assert.equal(tagDate("2012"), "2012-01-01");
  assert.equal(tagDate("2012-05-06"), "2012-05-06");
  assert.equal(tagDate("2012/05/06 10:11:12"), "2012-05-06 10:11:12");
  assert.equal(tagDate("05-06-2012 10:11:12"), "2012-05-06 10:11:12", "month first");
  assert.equal(tagDate("May 2012"), "2012-05-01");
  assert.equal(tagDate("1850"), "1850-01-01");
  assert.equal(
    tagDate("1849-12-31"),
    undefined,
    "before hachoir's 1850, as hachoir 3.3.0 drops it",
  );
  assert.equal(tagDate("0999"), undefined);
  for (const text of ["2012-05-06T10:11:12Z", "06/05/2012", "2012-02-30", "Maybe 2012", ""]) {
    assert.equal(tagDate(text), undefined, text);
  }
});

Deno.test("tag text is stripped, its breaks joined, cut at 300 and its controls escaped", () => {
  assert.equal(tagText("  \0Green Hills\r\n"), "Green Hills");
  assert.equal(tagText("line1\r\n\r\nline2"), "line1\\nline2");
  assert.equal(tagText("a\tb\x07c\x13d\x00e\x001"), "a\\tb\\ac\\x13d\\0e\\x001");
  assert.equal(tagText(" \n "), undefined);
  assert.equal(tagText("x".repeat(301)), `${"x".repeat(300)}(...)`);
});

Deno.test("a tag with a long run of blanks inside is stripped in one pass", () => {
  // A run of blanks followed by text once cost quadratic time (a regular expression's `+$`
  // tried from every blank): 200,000 of them held the event loop for minutes.
  const blanks = " \t".repeat(100_000);
  assert.equal(tagText(`a${blanks}x\n`), `a${" \\t".repeat(149)} (...)`);
});

Deno.test("text that is not UTF-8 reads as ISO-8859-1", () => {
  assert.equal(decodeText(new Uint8Array([0x47, 0xc3, 0xa9])), "Gé");
  assert.equal(decodeText(new Uint8Array([0x47, 0xe9])), "Gé");
  // A long one too (it once overflowed the call stack, and the file lost all its metadata).
  assert.equal(decodeText(new Uint8Array(300_000).fill(0xe9)), "é".repeat(300_000));
});

Deno.test("volumes print with one decimal, ties to even", () => {
  assert.equal(percentText(0x100), "100.0%");
  assert.equal(percentText(0x80), "50.0%");
  assert.equal(percentText(272), "106.2%", "106.25 rounds to even");
  assert.equal(percentText(-256), "-100.0%");
  assert.equal(percentText(0), "0.0%");
});

Deno.test("values that read as dates are stored as ISO times, as decode_metadata does", () => {
  assert.equal(storedValue("1904-01-01 00:00:00"), "1904-01-01T00:00:00+00:00");
  assert.equal(storedValue("2012-05-06"), "2012-05-06T00:00:00+00:00");
  assert.equal(storedValue("2012-05-06 10"), "2012-05-06T10:00:00+00:00");
  assert.equal(storedValue("2012-05-06 10:11:12.5"), "2012-05-06T10:11:12.500000+00:00");
  assert.equal(storedValue("2012-05-06 10:11:12+02:00"), "2012-05-06T10:11:12+02:00");
  assert.equal(storedValue("2012-05-06 10:11:12Z"), "2012-05-06T10:11:12+00:00");
  for (const kept of ["2012-05-06T10:11:12Z", "2012-02-30", "0:00:20.088163", "2012-05-06 note"]) {
    assert.equal(storedValue(kept), kept);
  }
});
