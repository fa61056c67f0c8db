/**
 * Superdesk's `pounds_to_metric` macro (superdesk/macros/imperial): writes pounds in kilograms.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts pound values to metric */
export const poundsToMetric = unitMacro({
  name: "pounds_to_metric",
  label: "Weight pounds to metric",
  description: "Converts pound values to metric",
  group: "weight",
  pattern: /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((lbs?)|([pP]ounds?))\b/g,
  convert: (amount, precision) => scaledRange(amount, 0.453592, { precision, unit: "kg" }),
});
