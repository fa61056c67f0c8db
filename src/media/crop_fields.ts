/**
 * Superdesk's crop of an upload (`CropLeft`, `CropTop`, `CropRight`, `CropBottom`, pixels of the
 * original): all four or none.
 */
import { BadRequestError } from "../errors.ts";
import type { CropBox } from "./image_protocol.ts";

const FIELDS = ["CropLeft", "CropTop", "CropRight", "CropBottom"] as const;

/** The crop `fields` ask for, or undefined; 400 when it is partial or not a box. */
export function cropOf(fields: Readonly<Record<string, unknown>>): CropBox | undefined {
  const given = FIELDS.filter((name) => fields[name] !== undefined && fields[name] !== "");
  if (given.length === 0) return undefined;
  const values = FIELDS.map((name) => Number(fields[name]));
  if (given.length < FIELDS.length || !values.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new BadRequestError(
      "A crop needs CropLeft, CropTop, CropRight and CropBottom as whole pixels",
      { issues: { crop: "invalid" } },
    );
  }
  const [left, top, right, bottom] = values as [number, number, number, number];
  if (right <= left || bottom <= top) {
    throw new BadRequestError("The crop is empty: CropRight/CropBottom must exceed Left/Top", {
      issues: { crop: "empty" },
    });
  }
  return { left, top, right, bottom };
}

/** `box` as Superdesk's crop fields. */
export function cropFields(box: CropBox): Record<string, number> {
  return { CropLeft: box.left, CropTop: box.top, CropRight: box.right, CropBottom: box.bottom };
}
