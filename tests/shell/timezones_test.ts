import assert from "node:assert/strict";
import { timezones } from "../../src/shell/timezones.ts";

Deno.test("a country with one zone is located by its name, one with several by its city too", async () => {
  const zones = await timezones("en");
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  assert.equal(byId.get("Europe/Prague")?.location, "Czechia Time");
  assert.equal(byId.get("America/Edmonton")?.location, "Canada (Edmonton) Time");
  assert.equal(byId.get("UTC")?.location, "UTC");
  assert.deepEqual(zones.map((zone) => zone.id), [...zones.map((zone) => zone.id)].sort());
});

Deno.test("zones are named in the user's language, Superdesk's en_AU form included", async () => {
  const german = await timezones("de_DE");
  assert.equal(
    german.find((zone) => zone.id === "America/Edmonton")?.location,
    "Kanada (Edmonton) Time",
  );
  const unknown = await timezones("xx_YY");
  assert.equal(unknown.find((zone) => zone.id === "America/Edmonton")?.name, "Mountain Time");
});

Deno.test("tags naming one locale share one list, so user-chosen tags cannot grow the cache", async () => {
  const english = timezones("en");
  assert.equal(timezones("en-x-private1"), english);
  assert.equal(timezones("en-u-nu-arab"), english);
  assert.equal(timezones("en-ZZ"), english);
  assert.equal(timezones("de_AT"), timezones("de-AT-x-1"));
  await english;
});
