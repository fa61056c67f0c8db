import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { defineSchedule } from "../../src/tasks/schedule.ts";
import { enabledSchedules } from "../../src/tasks/enabled_schedules.ts";

const SCHEDULES = [
  defineSchedule({ name: "content_expiry", task: "expire", everyMs: 60_000 }),
  defineSchedule({ name: "ingest_update", task: "poll", everyMs: 30_000 }),
];

Deno.test("DISABLED_SCHEDULES drops the named schedules and keeps the others in order", () => {
  assert.deepEqual(enabledSchedules(SCHEDULES, []).map((s) => s.name), [
    "content_expiry",
    "ingest_update",
  ]);
  assert.deepEqual(enabledSchedules(SCHEDULES, ["content_expiry"]).map((s) => s.name), [
    "ingest_update",
  ]);
  assert.deepEqual(enabledSchedules(SCHEDULES, ["ingest_update", "content_expiry"]), []);
});

Deno.test("a DISABLED_SCHEDULES name no app registers is a config error listing the known ones", () => {
  assert.throws(
    () => enabledSchedules(SCHEDULES, ["content_expiry", "content_expiri"]),
    (error) =>
      error instanceof ConfigError && error.variable === "DISABLED_SCHEDULES" &&
      /no schedule named content_expiri;/.test(error.message) &&
      error.message.endsWith("the schedules are content_expiry, ingest_update"),
  );
});
