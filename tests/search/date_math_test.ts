/** Unit tests of date parsing and date math for the embedded index. */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { parseDate, truncate } from "../../src/search/sqlite/date_math.ts";

const now = Date.parse("2024-03-13T15:42:10.500Z");

Deno.test("ISO dates without a zone are UTC; epoch millis and Dates are accepted", () => {
  assert.equal(parseDate("2024-01-02"), "2024-01-02T00:00:00.000Z");
  assert.equal(parseDate("2024-01-02T10:00:00"), "2024-01-02T10:00:00.000Z");
  assert.equal(parseDate("2024-01-02T10:00:00+02:00"), "2024-01-02T08:00:00.000Z");
  assert.equal(parseDate(0), "1970-01-01T00:00:00.000Z");
  assert.equal(parseDate(new Date(now)), "2024-03-13T15:42:10.500Z");
});

Deno.test("date math adds units and rounds down, or up for gt and lte", () => {
  assert.equal(parseDate("now-1d", { now }), "2024-03-12T15:42:10.500Z");
  assert.equal(parseDate("now-24H/d", { now }), "2024-03-12T00:00:00.000Z");
  assert.equal(parseDate("now/d", { now, roundUp: true }), "2024-03-13T23:59:59.999Z");
  assert.equal(parseDate("now+1M/M", { now }), "2024-04-01T00:00:00.000Z");
  assert.equal(parseDate("2024-01-31||+1M", { now }), "2024-02-29T00:00:00.000Z");
  assert.equal(parseDate("now/w", { now }), "2024-03-11T00:00:00.000Z");
});

Deno.test("bounds rounded up fill the components a date leaves out with their maximum", () => {
  assert.equal(parseDate("2024-02", { roundUp: true }), "2024-02-29T23:59:59.999Z");
  assert.equal(parseDate("2024-01-02", { roundUp: true }), "2024-01-02T23:59:59.999Z");
  assert.equal(parseDate("2024-01-02T10", { roundUp: true }), "2024-01-02T10:59:59.999Z");
  assert.equal(parseDate("2024-01-02T10:00:00", { roundUp: true }), "2024-01-02T10:00:00.999Z");
  assert.equal(
    parseDate("2024-01-02T10:00:00.250Z", { roundUp: true }),
    "2024-01-02T10:00:00.250Z",
  );
  assert.equal(parseDate("2024-01-02||+1d", { roundUp: true }), "2024-01-03T00:00:00.000Z");
});

Deno.test("weeks start on Monday", () => {
  assert.equal(truncate(Date.parse("2024-03-17T12:00:00Z"), "w"), Date.parse("2024-03-11"));
  assert.equal(truncate(Date.parse("2024-03-11T00:00:00Z"), "w"), Date.parse("2024-03-11"));
});

Deno.test("anything else is a 400", () => {
  for (const value of ["yesterday", "now-1x", "2024-13-45", "now-", true, {}]) {
    assert.throws(() => parseDate(value), BadRequestError, String(value));
  }
});
