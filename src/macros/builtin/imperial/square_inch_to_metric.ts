/**
 * Superdesk's `square_inch_to_metric` macro (superdesk/macros/imperial): writes square inches in square centimetres (two decimals), or in square metres past 10,000 cm².
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts square inch values to metric */
export const squareInchToMetric = unitMacro({
  name: "square_inch_to_metric",
  label: "Area square inch to metric",
  description: "Converts square inch values to metric",
  group: "area",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((sq\.?\s*-?in)|([sS]quare\s*-?(([iI]nch)|([iI]nches)|in)))\b/g,
  convert: (amount) =>
    scaledRange(amount, 6.4516, {
      precision: 2,
      unit: "square cm",
      larger: { above: 10000, divisor: 10000, unit: "square meter" },
    }),
});
