/**
 * Superdesk's `usd_to_cad` macro (superdesk/macros/currency_usd_to_cad.py): each `$N` of the
 * text fields becomes `$N (CAD M)` at the configured rate, in the item and in the diff. It is
 * also the translation macro from en-CA to en-AU, as Superdesk declares it.
 *
 * Superdesk asks a quote service on each run (Yahoo's, long gone) and falls back to a rate
 * written in its code; we take the rate from the `USD_TO_CAD_RATE` setting, read at start, and
 * answer 503 while none is set rather than convert at a stale rate.
 */
import { HttpError, type Macro } from "../../app_api.ts";
import { groupedDigits } from "./number_format.ts";
import { textFieldDiff } from "./text_fields.ts";

/** The setting that holds the rate. */
export const USD_TO_CAD_RATE = "USD_TO_CAD_RATE";

/**
 * The rate `raw` names, as written ("1.3139"), undefined when unset; anything but a positive
 * decimal stops the start.
 */
export function parseRate(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || !/[1-9]/.test(text)) {
    throw new Error(`${USD_TO_CAD_RATE} must be a positive decimal number (1.3139), not "${raw}"`);
  }
  return text;
}

/**
 * Whole dollars `amount` (digits) at the decimal `rate`, exactly, rounded half to even as
 * Superdesk's `Decimal` quantizing does, with grouped thousands: any number of digits.
 */
export function convertedDollars(amount: string, rate: string): string {
  const [whole = "", fraction = ""] = rate.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const product = BigInt(amount) * BigInt(whole + fraction);
  let result = product / scale;
  const twice = (product % scale) * 2n;
  if (twice > scale || (twice === scale && result % 2n === 1n)) result += 1n;
  return groupedDigits(result.toString());
}

/**
 * The macro converting at `rate`, a decimal as written (undefined: every run answers 503, and it
 * is no translation macro).
 */
export function usdToCad(rate: string | undefined): Macro {
  return {
    name: "usd_to_cad",
    label: "Currency USD to CAD",
    description: "Convert USD to CAD.",
    shortcut: "d",
    accessType: "frontend",
    actionType: "interactive",
    // A translation macro only with a rate: without one, translating en-CA → en-AU copies the
    // item unconverted (as before this macro shipped) instead of failing with the 503.
    ...(rate === undefined ? {} : { fromLanguages: ["en-CA"], toLanguages: ["en-AU"] }),
    callback(item) {
      if (rate === undefined) {
        throw new HttpError(
          503,
          `Cannot convert USD to CAD: no exchange rate is configured (${USD_TO_CAD_RATE})`,
        );
      }
      const diff = textFieldDiff(item, /\$([0-9]+)/g, {
        rewrite: true,
        convert: ([match, amount]) => `${match} (CAD ${convertedDollars(amount ?? "0", rate)})`,
      });
      return { item, diff };
    },
  };
}
