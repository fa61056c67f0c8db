import assert from "node:assert/strict";
import { nextCronTime, parseCron } from "../../src/tasks/cron.ts";

const at = (iso: string) => Date.parse(iso);
const next = (expr: string, after: string) =>
  new Date(nextCronTime(parseCron(expr), at(after))).toISOString();

Deno.test("cron: every minute moves to the next whole minute", () => {
  assert.equal(next("* * * * *", "2024-01-01T10:00:30Z"), "2024-01-01T10:01:00.000Z");
  assert.equal(next("* * * * *", "2024-01-01T10:01:00Z"), "2024-01-01T10:02:00.000Z");
});

Deno.test("cron: steps, ranges and lists", () => {
  assert.equal(next("*/15 * * * *", "2024-01-01T10:16:00Z"), "2024-01-01T10:30:00.000Z");
  assert.equal(next("0 9-17 * * *", "2024-01-01T17:30:00Z"), "2024-01-02T09:00:00.000Z");
  assert.equal(next("5,35 * * * *", "2024-01-01T10:06:00Z"), "2024-01-01T10:35:00.000Z");
  assert.equal(next("10/20 * * * *", "2024-01-01T10:31:00Z"), "2024-01-01T10:50:00.000Z");
});

Deno.test("cron: day of week with 0 and 7 as Sunday, and month rollover", () => {
  assert.equal(next("0 0 * * 0", "2024-01-01T00:00:00Z"), "2024-01-07T00:00:00.000Z");
  assert.equal(next("0 0 * * 7", "2024-01-01T00:00:00Z"), "2024-01-07T00:00:00.000Z");
  assert.equal(next("30 4 1 * *", "2024-01-31T05:00:00Z"), "2024-02-01T04:30:00.000Z");
  assert.equal(next("0 0 29 2 *", "2023-03-01T00:00:00Z"), "2024-02-29T00:00:00.000Z");
});

Deno.test("cron: restricted day of month and day of week match either (Vixie rule)", () => {
  assert.equal(next("0 0 13 * 5", "2024-01-01T00:00:00Z"), "2024-01-05T00:00:00.000Z");
  assert.equal(next("0 0 13 * 5", "2024-01-12T01:00:00Z"), "2024-01-13T00:00:00.000Z");
});

Deno.test("cron: bad expressions fail with the field named", () => {
  assert.throws(() => parseCron("* * * *"), /expected 5 fields/);
  assert.throws(() => parseCron("60 * * * *"), /minute "60"/);
  assert.throws(() => parseCron("* * * 0 *"), /month "0"/);
  assert.throws(() => parseCron("* * * * mon"), /day of week "mon"/);
  assert.throws(() => nextCronTime(parseCron("0 0 31 2 *"), 0), /never matches/);
});
