/**
 * Numbers as Superdesk's conversion macros write them (Python's `"{0:,}".format` of a rounded
 * `Decimal`): a fixed number of decimal places, kept even when they are zeros ("25.40"), and
 * thousands grouped with commas ("20,117").
 */

/** `value` with `places` decimals and comma-grouped thousands. */
export function groupedNumber(value: number, places: number): string {
  const fixed = Math.abs(value).toFixed(places);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  const sign = value < 0 && Number(fixed) !== 0 ? "-" : "";
  return sign + grouped + (fraction === undefined ? "" : `.${fraction}`);
}

/** How many decimal places a number written as `text` has ("100.50" → 2, "12" → 0). */
export function decimalPlaces(text: string): number {
  return text.split(".")[1]?.length ?? 0;
}
