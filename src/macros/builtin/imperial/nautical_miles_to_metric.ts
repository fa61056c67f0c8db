/**
 * Superdesk's `nautical_miles_to_metric` macro (superdesk/macros/imperial): writes nautical miles in kilometres (one decimal).
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts distance values from nautical miles to metric */
export const nauticalMilesToMetric = unitMacro({
  name: "nautical_miles_to_metric",
  label: "Length nautical miles to kilometres",
  description: "Converts distance values from nautical miles to metric",
  group: "length",
  pattern: /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((nmi)|([nN]autical [mM]iles?))\b/g,
  convert: (amount) => scaledRange(amount, 1.852, { precision: 1, unit: "km" }),
});
