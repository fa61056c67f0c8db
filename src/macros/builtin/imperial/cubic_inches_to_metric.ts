/**
 * Superdesk's `cubic_inches_to_metric` macro (superdesk/macros/imperial): writes cubic inches in cubic centimetres, or in cubic metres past 100,000 cm³.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts cubic inch values to metric */
export const cubicInchesToMetric = unitMacro({
  name: "cubic_inches_to_metric",
  label: "Volume cubic inches to metric",
  description: "Converts cubic inch values to metric",
  group: "volume",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((cu\.?\s*-?in)|(cb\.?\s*-?in)|([cC]ubic\s*-?([iI]nches|[iI]nch|in)))\b/g,
  convert: (amount, precision) =>
    scaledRange(amount, 16.3871, {
      precision,
      unit: "cubic centimeter",
      larger: { above: 100000, divisor: 1000000, unit: "cubic meter" },
    }),
});
