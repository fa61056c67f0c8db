/**
 * What Superdesk's imperial-to-metric macros share (`superdesk/macros/imperial/unit_base.py`):
 * find each amount with its unit in the text fields, convert it, and answer the `diff`
 * "5 miles" → "5 miles (8.0 km)" for the editor to apply; the item itself is not changed (the
 * macros are `interactive`: the user picks which replacements to make).
 */
import type { Macro } from "../../app_api.ts";
import { decimalPlaces, groupedNumber } from "./number_format.ts";
import { textFieldDiff } from "./text_fields.ts";

/** A converted amount ("1.5", or "0.4-6.5" for a range) and its metric unit. */
export type Converted = readonly [amount: string, unit: string];

/**
 * Converts an amount as written (a number, or a range "1-16") with the precision of the written
 * number (0 for a range); answers the metric amount and unit.
 */
export type UnitConverter = (amount: string, precision: number) => Converted;

/** One imperial macro: its name, label, editor group, docstring, pattern and converter. */
export interface UnitMacroSpec {
  name: string;
  label: string;
  /** The callback's docstring, which Superdesk lists as the description. */
  description: string;
  group: string;
  order?: number;
  /** Group 1 is the amount; the whole match is what the diff replaces. */
  pattern: RegExp;
  convert: UnitConverter;
}

/**
 * A converted number as Superdesk writes it (`format_converted`): whole above 1000, at least
 * two decimals below 1 when no precision was asked, one more decimal when it would round to 0.
 */
export function formatConverted(value: number, precision: number): string {
  let places = value > 1000 ? 0 : precision;
  if (value < 1 && places === 0) places = 2;
  if (Number(value.toFixed(places)) === 0) places += 1;
  return groupedNumber(value, places);
}

/**
 * The amounts of a written range ("1-16" → [1, 16]; "16,500" → [16500]); NaN for a part with
 * no digit ("5-." → [5, NaN]).
 */
export function amounts(written: string): number[] {
  return written.split("-").map((part) => {
    const digits = part.replace(/,/g, "");
    return /\d/.test(digits) ? Number(digits) : NaN;
  });
}

/** Whether every amount of `written` is a finite number (not "5-.", not 400 digits). */
export function convertible(written: string): boolean {
  return amounts(written).every(Number.isFinite);
}

/** Past `above`, a range is written in a larger unit: divided by `divisor`, one decimal. */
export interface LargerUnit {
  above: number;
  divisor: number;
  unit: string;
}

/**
 * Each amount of `written` times `rate`, formatted with `precision` in `unit`; in the `larger`
 * unit instead when any of them passes its threshold (Superdesk's hectares past 10,000 m²).
 */
export function scaledRange(
  written: string,
  rate: number,
  { precision, unit, larger }: { precision: number; unit: string; larger?: LargerUnit },
): Converted {
  const values = amounts(written).map((amount) => amount * rate);
  if (larger && values.some((value) => value > larger.above)) {
    return [
      values.map((value) => formatConverted(value / larger.divisor, 1)).join("-"),
      larger.unit,
    ];
  }
  return [values.map((value) => formatConverted(value, precision)).join("-"), unit];
}

/** The diff of one imperial conversion over the text fields of `item`. */
export function unitDiff(
  item: Parameters<Macro["callback"]>[0],
  pattern: RegExp,
  convert: UnitConverter,
): Record<string, string> {
  return textFieldDiff(item, pattern, {
    convert([match, written]) {
      if (!match || !written) return undefined;
      const range = written.includes("-") && !written.endsWith("-");
      const amount = range ? written : written.replace(/[^\d.]/g, "");
      if (!convertible(amount)) return undefined;
      const [converted, unit] = convert(amount, range ? 0 : decimalPlaces(amount));
      return `${match} (${converted} ${unit})`;
    },
  });
}

/** The macro for `spec`: frontend, interactive, in its group, answering the diff. */
export function unitMacro(spec: UnitMacroSpec): Macro {
  const { pattern, convert, ...listed } = spec;
  return {
    ...listed,
    accessType: "frontend",
    actionType: "interactive",
    callback: (item) => ({ item, diff: unitDiff(item, pattern, convert) }),
  };
}
