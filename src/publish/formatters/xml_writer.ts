/**
 * A small XML writer for the XML formatters (NewsML 1.2, NewsML-G2, NITF): elements are built
 * as data and serialised with every text and attribute value escaped, so an item's content can
 * never break the document. Raw (already well-formed) fragments are inserted only through `raw`.
 */

/** An element: name, attributes (undefined values are left out) and children. */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlNode[];
}

/** A child: an element, text, or a raw fragment that is already XML. */
export type XmlNode = XmlElement | string | { raw: string } | undefined | false;

/** Builds an element; children that are undefined or false are skipped. */
export function el(
  name: string,
  attributes: XmlElement["attributes"] = {},
  ...children: XmlNode[]
): XmlElement {
  return { name, attributes, children };
}

/**
 * `value` when it is a string with more than white space, else undefined: an item field as the
 * text of an element or attribute that is left out without one.
 */
export function filledText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** A raw fragment (must already be well-formed XML). */
export function raw(xml: string): { raw: string } {
  return { raw: xml };
}

/** `root` as a document with the XML declaration. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}`;
}

/** Serialises a node. */
export function serialize(node: XmlNode): string {
  if (node === undefined || node === false) return "";
  if (typeof node === "string") return escapeText(node);
  if ("raw" in node) return node.raw;
  let out = `<${node.name}`;
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    if (value !== undefined) out += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  const children = (node.children ?? []).filter((child) => child !== undefined && child !== false);
  if (children.length === 0) return `${out}/>`;
  return `${out}>${children.map(serialize).join("")}</${node.name}>`;
}

/** Escapes text content; characters XML 1.0 forbids are dropped. */
export function escapeText(text: string): string {
  return stripInvalid(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes an attribute value. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/** Removes the control characters XML 1.0 does not allow. */
function stripInvalid(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}
