/** `namesCalendarTime`: the day must be in its month and the time within the day. */
import assert from "node:assert/strict";
import { namesCalendarTime } from "../../src/resources/schema/calendar_time.ts";

Deno.test("days and times of the calendar are named, others are not", () => {
  for (
    const text of [
      "2024-02-29",
      "2000-02-29T23:59:59Z",
      "2026-12-31T00:00+01:00",
      "Thu, 29 Feb 2024 10:00:00 GMT",
    ]
  ) assert.equal(namesCalendarTime(text), true, text);
  for (
    const text of [
      "2024-02-30",
      "1900-02-29T00:00:00Z",
      "2023-02-29T10:00:00+0000",
      "2024-04-31",
      "2024-13-01",
      "2024-00-10",
      "2024-01-00",
      "2024-01-01T24:00:00Z",
      "2024-01-01T23:60:00Z",
      "2024-01-01T23:59:60Z",
      "Fri, 30 Feb 2024 10:00:00 GMT",
      "Thu, 01 Foo 2024 10:00:00 GMT",
      "yesterday",
    ]
  ) assert.equal(namesCalendarTime(text), false, text);
});
