/**
 * Superdesk's `yards_to_metric` macro (superdesk/macros/imperial): writes yards in metres.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts distance values from yard to meters */
export const yardsToMetric = unitMacro({
  name: "yards_to_metric",
  label: "Length yards to metres",
  description: "Converts distance values from yard to meters",
  group: "length",
  pattern: /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((yd)|([yY]ards?))\b/g,
  convert: (amount, precision) => scaledRange(amount, 0.9144, { precision, unit: "metres" }),
});
