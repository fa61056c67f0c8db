import assert from "node:assert/strict";
import { DATELINE_CITY, resolveDatelineCity } from "../../src/ingest/dateline_city.ts";
import { newsroomTest } from "../newsroom/_newsroom.ts";

newsroomTest(
  "a dateline city several cities share is the first of them by city_code",
  async (room) => {
    const registry = room.app.platform.registry;
    await registry.service("cities").create(["MO", "IL", "OR"].map((state) => ({
      city: "Springfield",
      city_code: `Springfield-${state}`,
      country: "United States",
      country_code: "US",
      tz: "America/Chicago",
      dateline: "city",
    })));
    const dpa = { [DATELINE_CITY]: { city: "springfield", source: "dpa", keepUnknown: true } };
    await resolveDatelineCity(registry, dpa);
    assert.equal(dpa[DATELINE_CITY], undefined);
    assert.equal(
      (dpa as { dateline?: { located: { city_code: string } } }).dateline?.located.city_code,
      "Springfield-IL",
    );
    const efe: Record<string, unknown> = {
      [DATELINE_CITY]: { city: "Springfield", source: "EFE", keepUnknown: false },
    };
    await resolveDatelineCity(registry, efe);
    assert.equal(efe.dateline, undefined);
  },
);
