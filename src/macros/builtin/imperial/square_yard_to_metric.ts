/**
 * Superdesk's `square_yard_to_metric` macro (superdesk/macros/imperial): writes square yards in square metres, or in hectares past 10,000 m².
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts area values from sq-yd to metric */
export const squareYardToMetric = unitMacro({
  name: "square_yard_to_metric",
  label: "Area square yards to metric",
  description: "Converts area values from sq-yd to metric",
  group: "area",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((sq\.?\s*-?yds?)|([sS]quare\s*-?[yY]ards?)|([sS]quare\s*-?yds?))\b/g,
  convert: (amount, precision) =>
    scaledRange(amount, 0.83612736, {
      precision,
      unit: "square meter",
      larger: { above: 10000, divisor: 10000, unit: "ha" },
    }),
});
