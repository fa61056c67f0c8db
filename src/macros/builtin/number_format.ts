/**
 * Numbers as Superdesk's conversion macros write them (Python's `"{0:,}".format` of a rounded
 * `Decimal`): a fixed number of decimal places, kept even when they are zeros ("25.40"), and
 * thousands grouped with commas ("20,117").
 */

/** `value` with `places` decimals and comma-grouped thousands. */
export function groupedNumber(value: number, places: number): string {
  // toFixed writes 1e21 and more with an exponent: those are whole numbers, written in full.
  const fixed = !(Math.abs(value) >= 1e21 && Number.isFinite(value))
    ? Math.abs(value).toFixed(places)
    : `${BigInt(Math.abs(value))}${places > 0 ? `.${"0".repeat(places)}` : ""}`;
  const [whole = "0", fraction] = fixed.split(".");
  const sign = value < 0 && Number(fixed) !== 0 ? "-" : "";
  return sign + groupedDigits(whole) + (fraction === undefined ? "" : `.${fraction}`);
}

/** A run of digits with its thousands grouped by commas ("20117" → "20,117"). */
export function groupedDigits(digits: string): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let at = head; at < digits.length; at += 3) groups.push(digits.slice(at, at + 3));
  return groups.join(",");
}

/** How many decimal places a number written as `text` has ("100.50" → 2, "12" → 0). */
export function decimalPlaces(text: string): number {
  return text.split(".")[1]?.length ?? 0;
}
