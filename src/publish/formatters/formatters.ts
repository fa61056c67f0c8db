/**
 * The formatters a destination's `format` may name, and the lookup the enqueue step uses.
 */
import { emailFormatter } from "./email_formatter.ts";
import type { Formatter } from "./formatter.ts";
import { newsmlG2Formatter } from "./newsml_g2_formatter.ts";
import { ninjsFormatter } from "./ninjs_formatter.ts";
import { nitfFormatter } from "./nitf_formatter.ts";

/** Every built-in formatter. */
export const FORMATTERS: readonly Formatter[] = [
  ninjsFormatter,
  newsmlG2Formatter,
  nitfFormatter,
  emailFormatter,
];

/** The formatter for a destination's `format` (case-insensitive), or undefined. */
export function formatterFor(format: unknown): Formatter | undefined {
  if (typeof format !== "string") return undefined;
  const wanted = format.toLowerCase();
  return FORMATTERS.find((formatter) => formatter.type === wanted);
}
