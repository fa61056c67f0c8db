/**
 * The formatters a destination's `format` may name, the lookup the enqueue step uses, and the
 * `criteria` filter of `GET /formatters`.
 */
import { BadRequestError } from "../../errors.ts";
import { emailFormatter } from "./email_formatter.ts";
import type { Formatter } from "./formatter.ts";
import { newsml12Formatter } from "./newsml_1_2_formatter.ts";
import { newsmlG2Formatter } from "./newsml_g2_formatter.ts";
import { newsroomNinjsFormatter } from "./newsroom_ninjs_formatter.ts";
import { ninjsFormatter } from "./ninjs_formatter.ts";
import { nitfFormatter } from "./nitf_formatter.ts";

/** Every built-in formatter. */
export const FORMATTERS: readonly Formatter[] = [
  ninjsFormatter,
  newsroomNinjsFormatter,
  newsmlG2Formatter,
  newsml12Formatter,
  nitfFormatter,
  emailFormatter,
];

/** The formatter for a destination's `format` (case-insensitive), or undefined. */
export function formatterFor(format: unknown): Formatter | undefined {
  if (typeof format !== "string") return undefined;
  const wanted = format.toLowerCase();
  return FORMATTERS.find((formatter) => formatter.type === wanted);
}

/** What `criteria` of `GET /formatters` may ask for, by the flag it reads. */
const CRITERIA = { can_preview: "canPreview", can_export: "canExport" } as const;

/**
 * The formatters `criteria` selects (Superdesk's: those whose attribute of that name is true);
 * all without one. Another criterion is a 400 (Superdesk's `getattr` fails with a 500).
 */
export function formattersMatching(criteria: string | undefined): readonly Formatter[] {
  if (criteria === undefined || criteria === "") return FORMATTERS;
  if (!Object.hasOwn(CRITERIA, criteria)) {
    throw new BadRequestError(
      `Unknown criteria "${criteria}": ${Object.keys(CRITERIA).join(" or ")}`,
    );
  }
  const flag = CRITERIA[criteria as keyof typeof CRITERIA];
  return FORMATTERS.filter((formatter) => formatter[flag] === true);
}
