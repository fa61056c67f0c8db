/** The occurrences of rundown templates' schedules (dateutil's `rrule`, as Superdesk uses it). */
import assert from "node:assert/strict";
import { nextOccurrence } from "../../src/rundowns/recurrence.ts";

const wall = (text: string) => Date.parse(`${text}Z`);
const next = (
  rule: Parameters<typeof nextOccurrence>[0],
  start: string,
  now: string,
  includeStart = false,
) => {
  const at = nextOccurrence(rule, wall(start), { nowWall: wall(now), includeStart });
  return at === null ? null : new Date(at).toISOString().slice(0, 16);
};

Deno.test("recurrence: each frequency and filter gives dateutil's next occurrence", () => {
  // Superdesk's scenario: daily on Mondays from Saturday 2030-06-22 06:00.
  assert.equal(
    next({ freq: "DAILY", by_day: [0] }, "2030-06-22T06:00:00", "2030-01-01T00:00:00", true),
    "2030-06-24T06:00",
  );
  assert.equal(
    next({ freq: "DAILY" }, "2030-06-22T06:00:00", "2030-01-01T00:00:00", true),
    "2030-06-22T06:00",
  );
  assert.equal(
    next({ freq: "DAILY" }, "2030-06-22T06:00:00", "2030-01-01T00:00:00"),
    "2030-06-23T06:00",
  );
  assert.equal(
    next({ freq: "DAILY", interval: 3 }, "2030-06-22T06:00:00", "2030-06-23T00:00:00"),
    "2030-06-25T06:00",
  );
  // Every other week on Tuesday and Friday, from a Wednesday.
  assert.equal(
    next(
      { freq: "WEEKLY", interval: 2, by_day: [1, 4] },
      "2030-06-19T06:00:00",
      "2030-06-21T07:00:00",
    ),
    "2030-07-02T06:00",
  );
  assert.equal(
    next({ freq: "WEEKLY" }, "2030-06-19T06:00:00", "2030-06-19T07:00:00"),
    "2030-06-26T06:00",
  );
  // The last day of each month; the 31st of months that have one.
  assert.equal(
    next({ freq: "MONTHLY", by_month_day: [-1] }, "2030-02-10T06:00:00", "2030-02-10T00:00:00"),
    "2030-02-28T06:00",
  );
  assert.equal(
    next({ freq: "MONTHLY" }, "2030-01-31T06:00:00", "2030-02-01T00:00:00"),
    "2030-03-31T06:00",
  );
  assert.equal(
    next({ freq: "YEARLY", by_month: [3] }, "2030-01-15T06:00:00", "2030-01-16T00:00:00"),
    "2030-03-15T06:00",
  );
  // No frequency, or nothing among the first ten occurrences after now.
  assert.equal(next({}, "2030-06-22T06:00:00", "2030-01-01T00:00:00"), null);
  assert.equal(next({ freq: "DAILY" }, "2030-06-01T06:00:00", "2030-06-20T00:00:00"), null);
});
