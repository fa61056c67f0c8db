/**
 * Superdesk's `acre_to_metric` macro (superdesk/macros/imperial): writes acres in square metres, or in hectares past 10,000 m².
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts acre values to metric */
export const acreToMetric = unitMacro({
  name: "acre_to_metric",
  label: "Area acres to metric",
  description: "Converts acre values to metric",
  group: "area",
  pattern: /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((ac)|([aA]cres?))\b/g,
  convert: (amount, precision) =>
    scaledRange(amount, 4046.86, {
      precision,
      unit: "square meter",
      larger: { above: 10000, divisor: 10000, unit: "ha" },
    }),
});
