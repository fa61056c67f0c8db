/**
 * Superdesk's `square_feet_to_metric` macro (superdesk/macros/imperial): writes square feet in square metres (one decimal), or in hectares past 10,000 m².
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts square feet values to metric */
export const squareFeetToMetric = unitMacro({
  name: "square_feet_to_metric",
  label: "Area square feet to metric",
  description: "Converts square feet values to metric",
  group: "area",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((sq\.?\s*-?ft)|([sS]quare\s*-?(([fF]((ee)|(oo))t)|(ft))))\b/g,
  convert: (amount) =>
    scaledRange(amount, 0.09290304, {
      precision: 1,
      unit: "square meter",
      larger: { above: 10000, divisor: 10000, unit: "ha" },
    }),
});
