import assert from "node:assert/strict";
import { anpaDate, parseFeedDate } from "../../../src/ingest/parsers/feed_dates.ts";

Deno.test("parseFeedDate reads the forms agencies send, all to UTC", () => {
  const expected = "2026-01-06T09:30:00.000Z";
  for (
    const text of [
      "2026-01-06T09:30:00Z",
      "2026-01-06T09:30:00+0000",
      "2026-01-06T10:30:00+01:00",
      "2026-01-06T09:30:00.000Z",
      "2026-01-06T09:30:00",
      "2026-01-06T09:30Z",
      "20260106T093000+0000",
      "20260106T093000Z",
      "Tue, 06 Jan 2026 09:30:00 GMT",
      "Tue, 06 Jan 2026 04:30:00 -0500",
      "6 Jan 2026 01:30:00 PST",
      "Tue, 06 Jan 26 09:30:00 +0000",
    ]
  ) assert.equal(parseFeedDate(text).toISOString(), expected, text);
  assert.equal(anpaDate("01-06-26 0930")?.toISOString(), expected);
});

Deno.test("parseFeedDate refuses what it cannot read", () => {
  for (const text of ["", "yesterday", "2026-13-01T00:00:00Z", "Tue, 06 Foo 2026 09:30:00 GMT"]) {
    assert.throws(() => parseFeedDate(text), /Unreadable date/, text);
  }
});
