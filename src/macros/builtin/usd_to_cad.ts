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
import { decimalPlaces, groupedNumber } from "./number_format.ts";
import { textFieldDiff } from "./text_fields.ts";

/** The setting that holds the rate. */
export const USD_TO_CAD_RATE = "USD_TO_CAD_RATE";

/** The rate `raw` names, undefined when unset; anything but a positive decimal stops the start. */
export function parseRate(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const rate = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(rate > 0)) {
    throw new Error(`${USD_TO_CAD_RATE} must be a positive decimal number (1.3139), not "${raw}"`);
  }
  return rate;
}

/** The macro converting at `rate` (undefined: every run answers 503). */
export function usdToCad(rate: number | undefined): Macro {
  return {
    name: "usd_to_cad",
    label: "Currency USD to CAD",
    description: "Convert USD to CAD.",
    shortcut: "d",
    accessType: "frontend",
    actionType: "interactive",
    fromLanguages: ["en-CA"],
    toLanguages: ["en-AU"],
    callback(item) {
      if (rate === undefined) {
        throw new HttpError(
          503,
          `Cannot convert USD to CAD: no exchange rate is configured (${USD_TO_CAD_RATE})`,
        );
      }
      const diff = textFieldDiff(item, /\$([0-9]+)/g, {
        rewrite: true,
        convert: ([match, amount]) =>
          `${match} (CAD ${groupedNumber(Number(amount) * rate, decimalPlaces(amount ?? ""))})`,
      });
      return { item, diff };
    },
  };
}
