/** Scheduled template run times: cron lists, legacy create_at, time zones, inactive schedules. */
import assert from "node:assert/strict";
import { nextRun, normalizeSchedule } from "../../src/content/template_schedule.ts";

Deno.test("create_at and day_of_week become a cron list", () => {
  assert.deepEqual(
    normalizeSchedule({ create_at: "08:15:00", day_of_week: ["MON", "WED"], is_active: true }),
    { cron_list: ["15 08 * * MON,WED"], day_of_week: ["MON", "WED"], is_active: true },
  );
  assert.deepEqual(normalizeSchedule({ create_at: "07:05", day_of_week: [] }).cron_list, [
    "05 07 * * *",
  ]);
});

Deno.test("the next run is the earliest match after now, in the schedule's zone", () => {
  const now = new Date("2024-01-03T10:00:30Z"); // a Wednesday
  assert.equal(
    nextRun({ is_active: true, cron_list: ["15 8 * * MON", "14 8 * * MON"] }, now)?.toISOString(),
    "2024-01-08T08:14:00.000Z",
  );
  assert.equal(
    nextRun({ is_active: true, cron_list: ["15 8 * * MON"], time_zone: "Australia/Sydney" }, now)
      ?.toISOString(),
    "2024-01-07T21:15:00.000Z",
  );
  assert.equal(
    nextRun({ is_active: true, create_at: "10:00", day_of_week: ["WED"] }, now)?.toISOString(),
    "2024-01-10T10:00:00.000Z",
  );
  assert.equal(nextRun({ is_active: false, cron_list: ["* * * * *"] }, now), null);
  assert.equal(nextRun(null, now), null);
});

Deno.test("daylight saving changes keep local times", () => {
  const before = new Date("2024-03-30T12:00:00Z");
  assert.equal(
    nextRun({ is_active: true, cron_list: ["0 9 * * *"], time_zone: "Europe/Prague" }, before)
      ?.toISOString(),
    "2024-03-31T07:00:00.000Z",
  );
});
