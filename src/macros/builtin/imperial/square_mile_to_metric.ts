/**
 * Superdesk's `square_mile_to_metric` macro (superdesk/macros/imperial): writes square miles in hectares, or in square kilometres past 1,000 ha.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts from square miles to metric */
export const squareMileToMetric = unitMacro({
  name: "square_mile_to_metric",
  label: "Area square miles to metric",
  description: "Converts from square miles to metric",
  group: "area",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((sq\.?\s*-?mi)|([sS]quare\s*-?[mM]iles?)|([sS]quare\s*-?mi))\b/g,
  convert: (amount, precision) =>
    scaledRange(amount, 258.999, {
      precision,
      unit: "ha",
      larger: { above: 1000, divisor: 100, unit: "square km" },
    }),
});
