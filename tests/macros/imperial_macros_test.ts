/**
 * The imperial-to-metric macros on the texts of Superdesk's own unit tests
 * (superdesk/macros/imperial/*_test.py): each match's diff entry, and the item left as it was
 * (the editor applies the diff).
 */
import assert from "node:assert/strict";
import type { Macro } from "../../src/app_api.ts";
import { acreToMetric } from "../../src/macros/builtin/imperial/acre_to_metric.ts";
import { cubicFeetToMetric } from "../../src/macros/builtin/imperial/cubic_feet_to_metric.ts";
import { cubicInchesToMetric } from "../../src/macros/builtin/imperial/cubic_inches_to_metric.ts";
import { cubicYardToMetric } from "../../src/macros/builtin/imperial/cubic_yard_to_metric.ts";
import { fahrenheitToCelsius } from "../../src/macros/builtin/imperial/fahrenheit_to_celsius.ts";
import { feetInchesToMetric } from "../../src/macros/builtin/imperial/feet_inches_to_metric.ts";
import { milesToMetric } from "../../src/macros/builtin/imperial/miles_to_metric.ts";
import { nauticalMilesToMetric } from "../../src/macros/builtin/imperial/nautical_miles_to_metric.ts";
import { poundsToMetric } from "../../src/macros/builtin/imperial/pounds_to_metric.ts";
import { squareFeetToMetric } from "../../src/macros/builtin/imperial/square_feet_to_metric.ts";
import { squareInchToMetric } from "../../src/macros/builtin/imperial/square_inch_to_metric.ts";
import { squareMileToMetric } from "../../src/macros/builtin/imperial/square_mile_to_metric.ts";
import { squareYardToMetric } from "../../src/macros/builtin/imperial/square_yard_to_metric.ts";
import { yardsToMetric } from "../../src/macros/builtin/imperial/yards_to_metric.ts";
import { runMacro } from "./_run_macro.ts";

/** Runs `macro` on a body made of `texts` and checks each one's replacement. */
function converts(macro: Macro, expected: Record<string, string>, texts: string[]) {
  Deno.test(`${macro.name} converts the amounts of Superdesk's test text`, async () => {
    const body = texts.join(" ");
    const { item, diff } = await runMacro(macro, { body_html: body });
    for (const [from, to] of Object.entries(expected)) assert.equal(diff?.[from], to, from);
    assert.equal(item.body_html, body);
  });
}

converts(acreToMetric, {
  "100.50 ac": "100.50 ac (40.7 ha)",
  "15.7 Acres": "15.7 Acres (6.4 ha)",
  "1 acre": "1 acre (4,047 square meter)",
  "1-16 acres": "1-16 acres (0.4-6.5 ha)",
  "16.7-acres": "16.7-acres (6.8 ha)",
  "16,500-acre": "16,500-acre (6,677 ha)",
}, [
  "Total area is 100.50 ac. for this land.",
  "Total area is 15.7 Acres for this land.",
  "Total area is 1 acre for this land.",
  "Total area is 1-16 acres for this land.",
  "Total area is 16.7-acres for this land.",
  "Total area is 16,500-acre for this land.",
]);

converts(squareFeetToMetric, {
  "100.50 square feet": "100.50 square feet (9.3 square meter)",
  "15.7 square ft": "15.7 square ft (1.5 square meter)",
  "1 Square Foot": "1 Square Foot (0.1 square meter)",
  "1-16 sq-ft": "1-16 sq-ft (0.1-1.5 square meter)",
  "16.7-Square-ft": "16.7-Square-ft (1.6 square meter)",
  "16,500-sq. ft": "16,500-sq. ft (1,533 square meter)",
}, [
  "Total area is 100.50 square feet for this land.",
  "Total area is 15.7 square ft for this land.",
  "Total area is 1 Square Foot for this land.",
  "Total area is 1-16 sq-ft for this land.",
  "Total area is 16.7-Square-ft for this land.",
  "Total area is 16,500-sq. ft for this land.",
]);

converts(squareInchToMetric, {
  "100.50 square inches": "100.50 square inches (648.39 square cm)",
  "15.7 square in": "15.7 square in (101.29 square cm)",
  "1 Square Inch": "1 Square Inch (6.45 square cm)",
  "1-16 sq-in": "1-16 sq-in (6.45-103.23 square cm)",
  "16.7-Square-in": "16.7-Square-in (107.74 square cm)",
  "16,500-sq. in": "16,500-sq. in (10.6 square meter)",
}, [
  "Total area is 100.50 square inches for this land.",
  "Total area is 15.7 square in for this land.",
  "Total area is 1 Square Inch for this land.",
  "Total area is 1-16 sq-in for this land.",
  "Total area is 16.7-Square-in for this land.",
  "Total area is 16,500-sq. in for this land.",
]);

converts(squareMileToMetric, {
  "100.50 square miles": "100.50 square miles (260.3 square km)",
  "15.7 square mi": "15.7 square mi (40.7 square km)",
  "1 Square Mile": "1 Square Mile (259 ha)",
  "1-16 sq-mi": "1-16 sq-mi (2.6-41.4 square km)",
  "16.7-Square-mi": "16.7-Square-mi (43.3 square km)",
  "16,500-sq. mi": "16,500-sq. mi (42,735 square km)",
}, [
  "Total area is 100.50 square miles for this land.",
  "Total area is 15.7 square mi for this land.",
  "Total area is 1 Square Mile for this land.",
  "Total area is 1-16 sq-mi for this land.",
  "Total area is 16.7-Square-mi for this land.",
  "Total area is 16,500-sq. mi for this land.",
]);

converts(squareYardToMetric, {
  "100.50 square yards": "100.50 square yards (84.03 square meter)",
  "15.7 square yds": "15.7 square yds (13.1 square meter)",
  "1 sq.yd": "1 sq.yd (0.84 square meter)",
  "1-16 sq-yds": "1-16 sq-yds (0.84-13 square meter)",
  "16.7-Square-yds": "16.7-Square-yds (14.0 square meter)",
  "16,500-Square Yards": "16,500-Square Yards (1.4 ha)",
}, [
  "Total area is 100.50 square yards for this land.",
  "Total area is 15.7 square yds for this land.",
  "Total area is 1 sq.yd for this land.",
  "Total area is 1-16 sq-yds for this land.",
  "Total area is 16.7-Square-yds for this land.",
  "Total area is 16,500-Square Yards. for this land.",
]);

converts(feetInchesToMetric, {
  "5'10\"": "5'10\" (1.78 m)",
  "5'10": "5'10 (1.78 m)",
  "5' 10": "5' 10 (1.78 m)",
  "5 ft 10": "5 ft 10 (1.78 m)",
  "5 ft. 10": "5 ft. 10 (1.78 m)",
  "5 ft 10 in": "5 ft 10 in (1.78 m)",
  "5' 10\"": "5' 10\" (1.78 m)",
  "5'": "5' (1.52 m)",
  "5 ft": "5 ft (1.52 m)",
  "5 feet": "5 feet (1.52 m)",
  "10.2-ft": "10.2-ft (3.11 m)",
  "10.2-in": "10.2-in (25.91 cm)",
  '1,020"': '1,020" (25.91 m)',
  "1,020 in": "1,020 in (25.91 m)",
  "1 inch": "1 inch (2.54 cm)",
  "1,020 inches": "1,020 inches (25.91 m)",
  "10-12 ft": "10-12 ft (3.05-3.66 m)",
  "10-12 in": "10-12 in (25.40-30.48 cm)",
  "5-foot-10": "5-foot-10 (1.78 m)",
  "5-feet-10": "5-feet-10 (1.78 m)",
}, [
  "His height is 5'10\" today\n",
  "His height is 5'10 today\n",
  "His height is 5' 10 today\n",
  "His height is 5 ft 10 today\n",
  "His height is 5 ft. 10 today\n",
  "His height is 5 ft 10 in today\n",
  "His height is 5' 10\" today\n",
  "His height is 5' today\n",
  "His height is 5 ft today\n",
  "His height is 5 feet today\n",
  "His height is 10.2-ft today\n",
  "His height is 10.2-in today\n",
  'His height is 1,020" today\n',
  "His height is 1,020 in today\n",
  "His height is 1 inch today\n",
  "His height is 1,020 inches today\n",
  "His height is 10-12 ft today\n",
  "His height is 10-12 in today\n",
  "His height is 5-foot-10 today\n",
  "His height is 5-feet-10 today",
]);

converts(milesToMetric, {
  "125 miles": "125 miles (201.2 km)",
  "1 mile": "1 mile (1.6 km)",
  "125 Miles": "125 Miles (201.2 km)",
  "125-Miles": "125-Miles (201.2 km)",
  "12.5 mi": "12.5 mi (20.1 km)",
  "12.5mi": "12.5mi (20.1 km)",
  "12.5-mi": "12.5-mi (20.1 km)",
  "12,500 miles": "12,500 miles (20,117 km)",
  "100-12500 Miles": "100-12500 Miles (160.9-20,117 km)",
}, [
  "Tom rides 125 miles everyday.",
  "Tom rides 1 mile everyday.",
  "Tom rides 125 Miles everyday.",
  "Tom rides 125-Miles everyday.",
  "Tom rides 12.5 mi everyday.",
  "Tom rides 12.5mi everyday.",
  "Tom rides 12.5-mi everyday.",
  "Tom rides 12,500 miles everyday.",
  "Tom rides 100-12500 Miles everyday.",
]);

converts(nauticalMilesToMetric, {
  "125 nautical miles": "125 nautical miles (231.5 km)",
  "1 Nautical mile": "1 Nautical mile (1.9 km)",
  "125 Nautical Miles": "125 Nautical Miles (231.5 km)",
  "125-nautical Miles": "125-nautical Miles (231.5 km)",
  "12.5 nmi": "12.5 nmi (23.2 km)",
  "12.5nmi": "12.5nmi (23.2 km)",
  "12.5-nmi": "12.5-nmi (23.2 km)",
  "12,500 nautical miles": "12,500 nautical miles (23,150 km)",
  "100-12500 Nautical Miles": "100-12500 Nautical Miles (185.2-23,150 km)",
}, [
  "Tom rides 125 nautical miles everyday.",
  "Tom rides 1 Nautical mile everyday.",
  "Tom rides 125 Nautical Miles everyday.",
  "Tom rides 125-nautical Miles everyday.",
  "Tom rides 12.5 nmi everyday.",
  "Tom rides 12.5nmi everyday.",
  "Tom rides 12.5-nmi everyday.",
  "Tom rides 12,500 nautical miles everyday.",
  "Tom rides 100-12500 Nautical Miles everyday.",
]);

converts(yardsToMetric, {
  "125 yd": "125 yd (114 metres)",
  "125 yards": "125 yards (114 metres)",
  "125 Yards": "125 Yards (114 metres)",
  "125-Yards": "125-Yards (114 metres)",
  "12.5 yd": "12.5 yd (11.4 metres)",
  "12,500 yards": "12,500 yards (11,430 metres)",
  "100-12500 Yards": "100-12500 Yards (91-11,430 metres)",
}, [
  "Tom runs 125 yd in 11 seconds.",
  "Tom runs 125 yards in 11 seconds.",
  "Tom runs 125 Yards in 11 seconds.",
  "Tom runs 125-Yards in 11 seconds.",
  "Tom runs 12.5 yd in 11 seconds.",
  "Tom runs 12,500 yards in 11 seconds.",
  "Tom runs 100-12500 Yards in 11 seconds.",
]);

converts(fahrenheitToCelsius, {
  "15.7 degrees Fahrenheit": "15.7 degrees Fahrenheit (-9.1 degrees Celsius)",
  "15.7 Fahrenheit": "15.7 Fahrenheit (-9.1 degrees Celsius)",
  "15.7 F": "15.7 F (-9.1 degrees Celsius)",
  "15.7 °F": "15.7 °F (-9.1 degrees Celsius)",
  "15-17 °F": "15-17 °F (-9.44--8.33 degrees Celsius)",
  "15.7 degrees": "15.7 degrees (-9.1 degrees Celsius)",
}, [
  "Today's temperature is 15.7 degrees Fahrenheit.",
  "Today's temperature is 15.7 Fahrenheit so it is hot.",
  "Today's temperature is 15.7 F so it is hot.",
  "Today's temperature is 15.7 °F so it is hot.",
  "Today's temperature is 15-17 °F so it is hot.",
  "Today's temperature is 15.7 degrees so it is hot.",
]);

converts(cubicFeetToMetric, {
  "100.50 cubic feet": "100.50 cubic feet (2.85 cubic meter)",
  "15.7 cubic ft": "15.7 cubic ft (0.4 cubic meter)",
  "1 Cubic Foot": "1 Cubic Foot (0.03 cubic meter)",
  "1-16 cu-ft": "1-16 cu-ft (0.03-0.45 cubic meter)",
  "1-16 cb. ft": "1-16 cb. ft (0.03-0.45 cubic meter)",
  "16.7-Cubic-ft": "16.7-Cubic-ft (0.5 cubic meter)",
  "16,500-cu. ft": "16,500-cu. ft (467 cubic meter)",
}, [
  "Total volume is 100.50 cubic feet for this land.",
  "Total volume is 15.7 cubic ft for this land.",
  "Total volume is 1 Cubic Foot for this land.",
  "Total volume is 1-16 cu-ft for this land.",
  "Total volume is 1-16 cb. ft for this land.",
  "Total volume is 16.7-Cubic-ft for this land.",
  "Total volume is 16,500-cu. ft. for this land.",
]);

converts(cubicInchesToMetric, {
  "100.50 cubic inches": "100.50 cubic inches (1,647 cubic centimeter)",
  "15.7 cubic in": "15.7 cubic in (257.3 cubic centimeter)",
  "1 Cubic Inch": "1 Cubic Inch (16 cubic centimeter)",
  "1-16 cu-in": "1-16 cu-in (16-262 cubic centimeter)",
  "1-16 cb. in": "1-16 cb. in (16-262 cubic centimeter)",
  "16.7-Cubic-in": "16.7-Cubic-in (273.7 cubic centimeter)",
  "16,500-cu. in": "16,500-cu. in (0.3 cubic meter)",
}, [
  "Total volume is 100.50 cubic inches for this land.",
  "Total volume is 15.7 cubic in for this land.",
  "Total volume is 1 Cubic Inch for this land.",
  "Total volume is 1-16 cu-in for this land.",
  "Total volume is 1-16 cb. in for this land.",
  "Total volume is 16.7-Cubic-in for this land.",
  "Total volume is 16,500-cu. in. for this land.",
]);

converts(cubicYardToMetric, {
  "100.50 cubic yards": "100.50 cubic yards (76.84 cubic meter)",
  "15.7 cubic yds": "15.7 cubic yds (12.0 cubic meter)",
  "1 Cubic Yard": "1 Cubic Yard (0.76 cubic meter)",
  "1-16 cu-yd": "1-16 cu-yd (0.76-12 cubic meter)",
  "1-16 cb. yds": "1-16 cb. yds (0.76-12 cubic meter)",
  "16.7-Cubic-yd": "16.7-Cubic-yd (12.8 cubic meter)",
  "16,500-cu. yd": "16,500-cu. yd (12,615 cubic meter)",
}, [
  "Total volume is 100.50 cubic yards for this land.",
  "Total volume is 15.7 cubic yds for this land.",
  "Total volume is 1 Cubic Yard for this land.",
  "Total volume is 1-16 cu-yd for this land.",
  "Total volume is 1-16 cb. yds for this land.",
  "Total volume is 16.7-Cubic-yd for this land.",
  "Total volume is 16,500-cu. yd. for this land.",
]);

converts(poundsToMetric, {
  "100.50 pounds": "100.50 pounds (45.59 kg)",
  "15.7 lbs": "15.7 lbs (7.1 kg)",
  "1 Pound": "1 Pound (0.45 kg)",
  "1-16 lb": "1-16 lb (0.45-7 kg)",
  "1-16 lbs": "1-16 lbs (0.45-7 kg)",
  "16.7-pound": "16.7-pound (7.6 kg)",
  "16,500-lb": "16,500-lb (7,484 kg)",
}, [
  "Total volume is 100.50 pounds for this land.",
  "Total volume is 15.7 lbs. for this land.",
  "Total volume is 1 Pound for this land.",
  "Total volume is 1-16 lb for this land.",
  "Total volume is 1-16 lbs for this land.",
  "Total volume is 16.7-pound for this land.",
  "Total volume is 16,500-lb. for this land.",
]);

Deno.test("an amount with no digits after its hyphen is left alone, not converted to NaN", async () => {
  for (const body of ["Tom rides 5-. miles.", "Tom rides 5-, miles."]) {
    const { diff } = await runMacro(milesToMetric, { body_html: body });
    assert.deepEqual(diff, {}, body);
  }
  const feet = await runMacro(feetInchesToMetric, { body_html: "It is 5-. ft high" });
  assert.deepEqual(feet.diff, {});
  const degrees = await runMacro(fahrenheitToCelsius, { body_html: "It is 5-. F" });
  assert.deepEqual(degrees.diff, {});
});

Deno.test("a huge amount is written in full, not with an exponent", async () => {
  const { diff } = await runMacro(milesToMetric, { body_html: `${"1" + "0".repeat(25)} miles` });
  const converted = Object.values(diff ?? {})[0] ?? "";
  assert.match(converted, /\(16,093,440,000,000,00\d(,\d{3})+ km\)$/);
});
