/**
 * `GET /api/places_autocomplete` against a stand-in GeoNames (Superdesk's places.feature needs
 * the real service: tests/superdesk/places_feature_test.ts): what is asked of GeoNames, how its
 * places are answered, and the clear errors.
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

const KOBERICE = {
  geonameId: 3073494,
  name: "Kobeřice",
  adminName1: "Zlínský kraj",
  adminCode1: "84",
  countryName: "Česko",
  countryCode: "CZ",
  fcl: "P",
  lat: "49.3719",
  lng: "17.11262",
  timezone: { timeZoneId: "Europe/Prague" },
};

Deno.test("places_autocomplete asks GeoNames by name and feature classes and answers places", async () => {
  const asked: URLSearchParams[] = [];
  const geonames = Deno.serve({ port: 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    asked.push(url.searchParams);
    if (url.pathname !== "/search") return new Response("no", { status: 404 });
    if (url.searchParams.get("name") === "down") return new Response("busy", { status: 503 });
    if (url.searchParams.get("name") === "odd") return Response.json({ geonames: [null] });
    return Response.json({ geonames: [KOBERICE] });
  });
  const app = await createTestApp({
    env: {
      GEONAMES_USERNAME: "sd",
      GEONAMES_URL: `http://127.0.0.1:${geonames.addr.port}/`,
      GEONAMES_FEATURE_CLASSES: '["P", "a"]',
    },
  });
  try {
    const admin = await loginAs(app, { username: "geo", admin: true });
    const response = await admin.get("/api/places_autocomplete?name=koberice&lang=cs-CZ");
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.deepEqual(body._items, [{
      scheme: "geonames",
      code: "3073494",
      name: "Kobeřice",
      state: "Zlínský kraj",
      region: "",
      country: "Česko",
      state_code: "84",
      region_code: "",
      country_code: "CZ",
      continent_code: "",
      feature_class: "P",
      location: { lat: 49.3719, lon: 17.11262 },
      tz: "Europe/Prague",
    }]);
    const first = asked[0]!;
    assert.equal(first.get("username"), "sd");
    assert.equal(first.get("lang"), "cs");
    assert.equal(first.get("style"), "medium");
    assert.deepEqual(first.getAll("featureClass"), ["P", "A"]);

    await (await admin.get("/api/places_autocomplete?name=koberice&featureClass=P")).body?.cancel();
    assert.deepEqual(asked[1]!.getAll("featureClass"), ["P"]);

    const missing = await admin.get("/api/places_autocomplete");
    assert.equal(missing.status, 400);
    assert.deepEqual((await missing.json())._issues, { name: 1 });
    const down = await admin.get("/api/places_autocomplete?name=down");
    assert.equal(down.status, 502);
    assert.match((await down.json())._message, /GeoNames answered 503/);
    const odd = await admin.get("/api/places_autocomplete?name=odd");
    assert.equal(odd.status, 502);
    assert.match((await odd.json())._message, /GeoNames answered a place without/);
  } finally {
    await app.close();
    await geonames.shutdown();
  }
});
