/**
 * Superdesk's `miles_to_metric` macro (superdesk/macros/imperial): writes miles in kilometres (one decimal).
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts distance values from miles to metric */
export const milesToMetric = unitMacro({
  name: "miles_to_metric",
  label: "Length miles to kilometres",
  description: "Converts distance values from miles to metric",
  group: "length",
  order: 4,
  pattern: /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((mi)|([mM]iles?))\b/g,
  convert: (amount) => scaledRange(amount, 1.609344, { precision: 1, unit: "km" }),
});
