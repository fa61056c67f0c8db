/**
 * Superdesk's `cubic_yard_to_metric` macro (superdesk/macros/imperial): writes cubic yards in cubic metres.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts cubic yard values to metric */
export const cubicYardToMetric = unitMacro({
  name: "cubic_yard_to_metric",
  label: "Volume cubic yard to metric",
  description: "Converts cubic yard values to metric",
  group: "volume",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((cu\.?\s*-?yds?)|(cb\.?\s*-?yds?)|([cC]ubic\s*-?([yY]ards?|yds?)))\b/g,
  convert: (amount, precision) => scaledRange(amount, 0.764555, { precision, unit: "cubic meter" }),
});
