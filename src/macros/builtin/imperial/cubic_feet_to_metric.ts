/**
 * Superdesk's `cubic_feet_to_metric` macro (superdesk/macros/imperial): writes cubic feet in cubic metres.
 */
import { scaledRange, unitMacro } from "../unit_conversion.ts";

/** Converts cubic feet values to metric */
export const cubicFeetToMetric = unitMacro({
  name: "cubic_feet_to_metric",
  label: "Volume cubic feet to metric",
  description: "Converts cubic feet values to metric",
  group: "volume",
  pattern:
    /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))((cu\.?\s*-?ft)|(cb\.?\s*-?ft)|([cC]ubic\s*-?(([fF]((ee)|(oo))t)|(ft))))\b/g,
  convert: (amount, precision) =>
    scaledRange(amount, 0.0283168, { precision, unit: "cubic meter" }),
});
