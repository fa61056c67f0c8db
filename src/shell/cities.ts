/**
 * The `cities` resource: the places an item's dateline may name (the web client's dateline
 * picker reads `GET /api/cities`, Superdesk's locators), each with its country, state, time zone
 * and how the dateline is written. Superdesk reads them from a data file; here they are stored,
 * so a newsroom edits its own list (`cities` privilege); `app:initialize_data` seeds the
 * capitals and news hubs below.
 */
import { Type } from "@sinclair/typebox";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";

/** The privilege that edits cities. */
export const CITIES_PRIVILEGE = "cities";

/** The `cities` definition. */
export const citiesResource = defineResource({
  name: "cities",
  schema: Type.Object({
    city: Type.String({ minLength: 1 }),
    city_code: Type.String({ minLength: 1 }),
    alt_name: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    state_code: Type.Optional(Type.String()),
    country: Type.String({ minLength: 1 }),
    country_code: Type.String({ pattern: "^[A-Z]{2}$" }),
    tz: Type.String({ minLength: 1 }),
    dateline: Type.Union(
      ["city", "city,state", "city,country", "city,state,country"].map((f) => Type.Literal(f)),
    ),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: CITIES_PRIVILEGE, PATCH: CITIES_PRIVILEGE, DELETE: CITIES_PRIVILEGE },
  datasource: { defaultSort: [["city", 1]] },
  uniqueFields: ["city_code"],
  paginationLimit: 1000,
  indexes: [{ name: "country_state", keys: { country_code: 1, state_code: 1 } }],
});

/** A seeded city; its state (name and code) where the country has states. */
type Seed = [
  city: string,
  country: string,
  code: string,
  tz: string,
  state?: [name: string, code: string],
];

const SEEDS: Seed[] = [
  ["Amsterdam", "Netherlands", "NL", "Europe/Amsterdam"],
  ["Athens", "Greece", "GR", "Europe/Athens"],
  ["Bangkok", "Thailand", "TH", "Asia/Bangkok"],
  ["Beijing", "China", "CN", "Asia/Shanghai"],
  ["Berlin", "Germany", "DE", "Europe/Berlin"],
  ["Brasilia", "Brazil", "BR", "America/Sao_Paulo"],
  ["Brussels", "Belgium", "BE", "Europe/Brussels"],
  ["Buenos Aires", "Argentina", "AR", "America/Argentina/Buenos_Aires"],
  ["Cairo", "Egypt", "EG", "Africa/Cairo"],
  ["Canberra", "Australia", "AU", "Australia/Sydney", ["Australian Capital Territory", "ACT"]],
  ["Geneva", "Switzerland", "CH", "Europe/Zurich"],
  ["Hong Kong", "China", "CN", "Asia/Hong_Kong"],
  ["Istanbul", "Turkey", "TR", "Europe/Istanbul"],
  ["Jakarta", "Indonesia", "ID", "Asia/Jakarta"],
  ["Johannesburg", "South Africa", "ZA", "Africa/Johannesburg"],
  ["Kyiv", "Ukraine", "UA", "Europe/Kyiv"],
  ["Lagos", "Nigeria", "NG", "Africa/Lagos"],
  ["London", "United Kingdom", "GB", "Europe/London"],
  ["Los Angeles", "United States", "US", "America/Los_Angeles", ["California", "CA"]],
  ["Madrid", "Spain", "ES", "Europe/Madrid"],
  ["Melbourne", "Australia", "AU", "Australia/Melbourne", ["Victoria", "VIC"]],
  ["Mexico City", "Mexico", "MX", "America/Mexico_City"],
  ["Moscow", "Russia", "RU", "Europe/Moscow"],
  ["Mumbai", "India", "IN", "Asia/Kolkata", ["Maharashtra", "MH"]],
  ["Nairobi", "Kenya", "KE", "Africa/Nairobi"],
  ["New Delhi", "India", "IN", "Asia/Kolkata", ["Delhi", "DL"]],
  ["New York", "United States", "US", "America/New_York", ["New York", "NY"]],
  ["Ottawa", "Canada", "CA", "America/Toronto", ["Ontario", "ON"]],
  ["Paris", "France", "FR", "Europe/Paris"],
  ["Prague", "Czech Republic", "CZ", "Europe/Prague"],
  ["Rome", "Italy", "IT", "Europe/Rome"],
  ["Seoul", "South Korea", "KR", "Asia/Seoul"],
  ["Singapore", "Singapore", "SG", "Asia/Singapore"],
  ["Sydney", "Australia", "AU", "Australia/Sydney", ["New South Wales", "NSW"]],
  ["Tokyo", "Japan", "JP", "Asia/Tokyo"],
  ["Toronto", "Canada", "CA", "America/Toronto", ["Ontario", "ON"]],
  ["Vienna", "Austria", "AT", "Europe/Vienna"],
  ["Warsaw", "Poland", "PL", "Europe/Warsaw"],
  ["Washington", "United States", "US", "America/New_York", ["District of Columbia", "DC"]],
  ["Wellington", "New Zealand", "NZ", "Pacific/Auckland"],
];

/** The seeded cities as documents. */
export function seedCities(): Array<Record<string, string>> {
  return SEEDS.map(([city, country, code, tz, state]) => ({
    city,
    city_code: city,
    country,
    country_code: code,
    tz,
    dateline: "city",
    ...(state ? { state: state[0], state_code: state[1] } : {}),
  }));
}

/** Creates the seeded cities that are missing; returns how many it created. */
export async function initializeCities(registry: ResourceRegistry): Promise<number> {
  const cities = registry.service("cities");
  let created = 0;
  for (const city of seedCities()) {
    if (await cities.findOne({ city_code: city.city_code })) continue;
    await cities.create([city], SYSTEM_ACTOR);
    created += 1;
  }
  return created;
}
