/**
 * Dates that no calendar has (30 February, 29 February of a common year, 31 April, month 13,
 * hour 24 or 25) are refused with a 400 naming the field, in an item's fields, in a `where` and
 * in a search range, where `Date` would have rolled them over into the next day or month.
 */
import assert from "node:assert/strict";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

const IMPOSSIBLE = [
  "2024-02-30T10:00:00+0000",
  "2023-02-29T10:00:00+0000",
  "2024-04-31T00:00:00Z",
  "2024-13-01T00:00:00+0000",
  "2024-01-01T24:00:00+0000",
  "2024-01-01T25:00:00+0000",
  "Fri, 30 Feb 2024 10:00:00 GMT",
  "1900-02-29T00:00:00+0000",
];

/** Instants of the calendar: leap days (2000 is one, 1900 is not), offsets, fractions, RFC 1123. */
const VALID_INSTANTS = [
  "2024-02-29T00:00:00+0000",
  "2000-02-29T23:59:59.5+05:30",
  "2024-12-31T23:59:59Z",
  "Thu, 29 Feb 2024 10:00:00 GMT",
];

perEngineTest("an archive item's impossible date is a 400 naming the field", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  for (const date of IMPOSSIBLE) {
    const response = await admin.post("/api/archive", {
      type: "text",
      headline: "dated",
      embargo: date,
    });
    assert.equal(response.status, 400, date);
    assert.match(response.headers.get("content-type") ?? "", /json/);
    const body = await response.json();
    assert.equal(body._issues?.embargo, "must be of datetime type", date);
  }
  const leap = await admin.post("/api/archive", {
    type: "text",
    headline: "leap day",
    embargo: "2096-02-29T10:00:00+0000",
  });
  assert.equal(leap.status, 201, await leap.clone().text());
  assert.equal((await leap.json()).embargo, "2096-02-29T10:00:00+0000");
});

perEngineTest(
  "a where value that is an impossible instant is a 400 naming the field",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    for (const date of IMPOSSIBLE) {
      const where = JSON.stringify({ versioncreated: { $gte: date } });
      const response = await admin.get(`/api/archive?where=${encodeURIComponent(where)}`);
      assert.equal(response.status, 400, date);
      assert.match(response.headers.get("content-type") ?? "", /json/);
      const body = await response.json();
      assert.equal(body._issues?.versioncreated, "must be of datetime type", date);
      assert.match(body._message ?? body._error?.message ?? "", /versioncreated/);
    }
    for (const date of VALID_INSTANTS) {
      const valid = JSON.stringify({ versioncreated: { $gte: date } });
      const response = await admin.get(`/api/archive?where=${encodeURIComponent(valid)}`);
      assert.equal(response.status, 200, `${date}: ${await response.text()}`);
    }
  },
);

perEngineTest("a search range on an impossible date is a 400 naming the field", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  for (const date of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-01-01T25:00:00Z"]) {
    const source = JSON.stringify({ query: { range: { versioncreated: { gte: date } } } });
    const response = await admin.get(`/api/search?source=${encodeURIComponent(source)}`);
    assert.equal(response.status, 400, date);
    assert.match(response.headers.get("content-type") ?? "", /json/);
    const body = await response.json();
    assert.equal(body._issues?.versioncreated, "must be of datetime type", date);
  }
  for (const date of ["2024-02-29", "2000-02-29T23:59:59.999+05:30", "2024-02-29||+1d/d"]) {
    const source = JSON.stringify({ query: { range: { versioncreated: { gte: date } } } });
    const response = await admin.get(`/api/search?source=${encodeURIComponent(source)}`);
    assert.equal(response.status, 200, `${date}: ${await response.text()}`);
  }
});
