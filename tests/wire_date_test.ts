import assert from "node:assert/strict";
import { isoToWire } from "../src/wire_date.ts";

Deno.test("isoToWire agrees with Date#toUTCString for toISOString output across years 0–9999", () => {
  // A fixed-seed LCG, so a failure names a reproducible timestamp.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const earliest = Date.UTC(0, 0, 1), latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
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
    assert.equal(isoToWire(iso), date.toUTCString(), iso);
    assert.equal(isoToWire(iso.replace(/\.\d+Z$/, "Z")), date.toUTCString(), iso);
  }
});

Deno.test("isoToWire reads other date forms through Date and leaves non-dates unchanged", () => {
  assert.equal(isoToWire("2026-03-01T10:00:00+02:00"), "Sun, 01 Mar 2026 08:00:00 GMT");
  assert.equal(isoToWire("2026-03-01T10:00:00.123456Z"), "Sun, 01 Mar 2026 10:00:00 GMT");
  assert.equal(isoToWire("2026-02-30T10:00:00Z"), new Date("2026-02-30T10:00:00Z").toUTCString());
  assert.equal(isoToWire("2026-13-01T10:00:00Z"), "2026-13-01T10:00:00Z");
  assert.equal(isoToWire("not a date"), "not a date");
  assert.equal(isoToWire("2026-01-01T24:00:00Z"), new Date("2026-01-01T24:00:00Z").toUTCString());
});
