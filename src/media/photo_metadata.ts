/**
 * The photo metadata Superdesk writes into a published picture's file (`PhotoMetadata` of
 * `superdesk/media/image.py`), its XMP properties, and how it is taken from an item by
 * `PICTURE_METADATA_MAPPING` (item field, or `extra.<name>`, → metadata key).
 */
import type { Doc } from "../storage/document_store.ts";

/** A metadata key and its XMP property (namespace prefix, name, kind of value). */
export interface PhotoProperty {
  prefix: "dc" | "photoshop" | "Iptc4xmpCore";
  name: string;
  /** `alt`: a language alternative (x-default); `seq`: an ordered list; else simple text. */
  kind?: "alt" | "seq";
  /** The IPTC-IIM dataset of record 2 it is also written to (exiv2's XMP → IPTC conversion). */
  iim: number;
}

/** Superdesk's `PhotoMetadata` keys with their XMP properties and IIM datasets. */
export const PHOTO_PROPERTIES: Readonly<Record<string, PhotoProperty>> = {
  Description: { prefix: "dc", name: "description", kind: "alt", iim: 120 },
  DescriptionWriter: { prefix: "photoshop", name: "CaptionWriter", iim: 122 },
  Headline: { prefix: "photoshop", name: "Headline", iim: 105 },
  Instructions: { prefix: "photoshop", name: "Instructions", iim: 40 },
  JobId: { prefix: "photoshop", name: "TransmissionReference", iim: 103 },
  Title: { prefix: "dc", name: "title", kind: "alt", iim: 5 },
  Creator: { prefix: "dc", name: "creator", kind: "seq", iim: 80 },
  CreatorsJobtitle: { prefix: "photoshop", name: "AuthorsPosition", iim: 85 },
  City: { prefix: "photoshop", name: "City", iim: 90 },
  ProvinceState: { prefix: "photoshop", name: "State", iim: 95 },
  Country: { prefix: "photoshop", name: "Country", iim: 101 },
  CountryCode: { prefix: "Iptc4xmpCore", name: "CountryCode", iim: 100 },
  CopyrightNotice: { prefix: "dc", name: "rights", kind: "alt", iim: 116 },
  CreditLine: { prefix: "photoshop", name: "Credit", iim: 110 },
};

/** The namespaces of the prefixes above. */
export const XMP_NAMESPACES: Readonly<Record<PhotoProperty["prefix"], string>> = {
  dc: "http://purl.org/dc/elements/1.1/",
  photoshop: "http://ns.adobe.com/photoshop/1.0/",
  Iptc4xmpCore: "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
};

/** Metadata by key: text, or a list of texts (`Creator`). */
export type PhotoMetadata = Record<string, string | string[]>;

/**
 * The metadata `mapping` takes from `item` (`get_metadata_from_item`): each mapped field's value
 * when it is set and not empty; text, a number as text, a list of texts for `Creator`.
 */
export function metadataFromItem(item: Doc, mapping: Readonly<Record<string, string>>) {
  const metadata: PhotoMetadata = {};
  for (const [field, key] of Object.entries(mapping)) {
    const extra = item.extra as Doc | undefined;
    const value = field.startsWith("extra.") ? extra?.[field.slice(6)] : item[field];
    const texts = (Array.isArray(value) ? value : [value])
      .map((v) => typeof v === "number" ? String(v) : v)
      .filter((v): v is string => typeof v === "string" && v !== "");
    if (texts.length === 0) continue;
    metadata[key] = PHOTO_PROPERTIES[key]?.kind === "seq" ? texts : texts.join(", ");
  }
  return metadata;
}
