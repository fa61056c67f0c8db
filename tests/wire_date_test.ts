import assert from "node:assert/strict";
import { dateToWire, isoToWire, withWireDates } from "../src/wire_date.ts";

/** The reference: Superdesk's `%Y-%m-%dT%H:%M:%S+0000` built field by field. */
function reference(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${
    pad(date.getUTCDate())
  }T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+0000`;
}

Deno.test("dateToWire and isoToWire write %Y-%m-%dT%H:%M:%S+0000 across years 0–9999", () => {
  // A fixed-seed LCG, so a failure names a reproducible timestamp.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const earliest = Date.parse("0000-01-01T00:00:00Z"),
    latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  const samples = [
    earliest,
    latest,
    Date.UTC(2024, 1, 29, 12, 0, 0),
    Date.UTC(2000, 1, 29),
    Date.UTC(1900, 1, 28, 23, 59, 59),
    Date.UTC(1970, 0, 1),
  ];
  for (let i = 0; i < 20_000; i++) {
    samples.push(Math.floor(earliest + next() * (latest - earliest)));
  }
  for (const ms of samples) {
    const date = new Date(ms);
    const iso = date.toISOString();
    assert.equal(dateToWire(date), reference(date), iso);
    assert.equal(isoToWire(iso), reference(date), iso);
    assert.equal(isoToWire(iso.replace(/\.\d+Z$/, "Z")), reference(date), iso);
  }
});

Deno.test("isoToWire reads other date forms through Date and leaves non-dates unchanged", () => {
  assert.equal(isoToWire("2026-03-01T10:00:00+02:00"), "2026-03-01T08:00:00+0000");
  assert.equal(isoToWire("2026-03-01T10:00:00.123456Z"), "2026-03-01T10:00:00+0000");
  assert.equal(isoToWire("2026-03-01T10:00:00+0000"), "2026-03-01T10:00:00+0000");
  assert.equal(isoToWire("Sun, 01 Mar 2026 08:00:00 GMT"), "2026-03-01T08:00:00+0000");
  assert.equal(isoToWire("2026-13-01T10:00:00Z"), "2026-13-01T10:00:00Z");
  assert.equal(isoToWire("not a date"), "not a date");
  assert.equal(isoToWire("2026-01-01T24:00:00Z"), "2026-01-02T00:00:00+0000");
});

Deno.test("withWireDates converts every Date in a copy and keeps the rest", () => {
  const at = new Date(Date.UTC(2026, 0, 1, 9, 30, 0, 250));
  const input = { a: at, b: [{ c: at }, "x"], d: null, e: 1 };
  assert.deepEqual(withWireDates(input), {
    a: "2026-01-01T09:30:00+0000",
    b: [{ c: "2026-01-01T09:30:00+0000" }, "x"],
    d: null,
    e: 1,
  });
  assert.equal(input.a, at);
  assert.equal(dateToWire(new Date(NaN)), null);
});

Deno.test("dateToWire keeps toISOString's expanded years outside 0–9999", () => {
  assert.equal(dateToWire(new Date(Date.UTC(10_000, 0, 1))), "+010000-01-01T00:00:00+0000");
  const year0 = Date.parse("0000-01-01T00:00:00Z");
  assert.equal(dateToWire(new Date(year0)), "0000-01-01T00:00:00+0000");
  assert.equal(dateToWire(new Date(year0 + 59 * 86_400_000)), "0000-02-29T00:00:00+0000");
  assert.equal(dateToWire(new Date(year0 - 1)), "-000001-12-31T23:59:59+0000");
  assert.equal(dateToWire(new Date(-1)), "1969-12-31T23:59:59+0000");
});
