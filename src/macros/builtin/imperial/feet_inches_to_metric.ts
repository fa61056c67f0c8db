/**
 * Superdesk's `feet_inches_to_metric` macro (superdesk/macros/imperial): heights and lengths
 * written in feet and inches (5'10", 5 ft 10 in, 5-foot-10, 10-12 in) in centimetres, or in
 * metres past 100 cm, two decimals.
 */
import type { Macro } from "../../../app_api.ts";
import { textFieldDiff } from "../text_fields.ts";
import { amounts, type Converted, convertible, formatConverted } from "../unit_conversion.ts";

/**
 * Group 1: the number before the unit; 7: a feet symbol; 11: inches after feet; 5: the unit
 * (a feet phrase or an inch symbol).
 */
const PATTERN =
  /(?<!\d)(\d+(?:(?:-,?\.?|,\.?|\.)\d*)?)((\s*)|(-))(((\'|ft\.?|[fF]eet|[fF]oot)((-)|(\s*))(\d+)?\s?("|in)?)|(\"|[iI]nches|[iI]nch|in))/g;

/** Feet and inches (either may be a range, not both) in cm, or in m past 100 cm. */
export function feetAndInches(feet: string, inches: string): Converted {
  const centimetres = feet.includes("-")
    ? amounts(feet).map((foot) => foot * 30.48 + Number(inches) * 2.54)
    : inches.includes("-")
    ? amounts(inches).map((inch) => inch * 2.54)
    : [Number(feet) * 30.48 + Number(inches) * 2.54];
  if (centimetres.some((cm) => cm > 100)) {
    return [centimetres.map((cm) => formatConverted(cm / 100, 2)).join("-"), "m"];
  }
  return [centimetres.map((cm) => formatConverted(cm, 2)).join("-"), "cm"];
}

/** Converts distance values from feet and inches to metric */
export const feetInchesToMetric: Macro = {
  name: "feet_inches_to_metric",
  label: "Length feet-inches to metric",
  description: "Converts distance values from feet and inches to metric",
  group: "length",
  accessType: "frontend",
  actionType: "interactive",
  callback(item) {
    const diff = textFieldDiff(item, PATTERN, {
      convert(groups) {
        const match = groups[0]?.trim();
        const written = groups[1];
        if (!match || !written) return undefined;
        const range = written.includes("-") && !written.endsWith("-");
        const clean = (text: string) => range ? text : text.replace(/[^\d.]/g, "");
        const [feet, inches] = groups[7] ? [written, groups[11] ?? "0"] : ["0", written];
        if (!convertible(clean(feet)) || !convertible(clean(inches))) return undefined;
        const [converted, unit] = feetAndInches(clean(feet), clean(inches));
        return `${match} (${converted} ${unit})`;
      },
    });
    return { item, diff: trimmedKeys(diff) };
  },
};

/** The diff keyed by the match without the spaces the pattern takes after a bare number. */
function trimmedKeys(diff: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(diff).map(([match, to]) => [match.trim(), to]));
}
