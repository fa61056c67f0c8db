/**
 * Reading an `XmlElement` tree the way feed parsers need to: children by local name (namespace
 * prefixes vary between agencies), slash paths, attributes, text content, and a serialiser that
 * turns an element's content back into (X)HTML for `body_html`.
 */
import type { XmlElement, XmlNode } from "./xml_reader.ts";

/** The child elements of `element`, or those whose local name is `local`. */
export function childElements(element: XmlElement | undefined, local?: string): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== "string" && (local === undefined || child.local === local)) {
      found.push(child);
    }
  }
  return found;
}

/** The first child element named `local`. */
export function childElement(element: XmlElement | undefined, local: string) {
  if (!element) return undefined;
  for (const child of element.children) {
    if (typeof child !== "string" && child.local === local) return child;
  }
  return undefined;
}

/** The first element at a slash path of local names (`head/docdata/doc-id`). */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const step of path.split("/")) current = childElement(current, step);
  return current;
}

/**
 * The first element at a slash path searching every branch (ElementTree's `find`): where `at`
 * follows the first child of each name, this also tries that child's later namesakes.
 */
export function firstAt(element: XmlElement | undefined, path: string): XmlElement | undefined {
  const [step, ...rest] = path.split("/");
  for (const child of childElements(element, step)) {
    const found = rest.length ? firstAt(child, rest.join("/")) : child;
    if (found) return found;
  }
  return undefined;
}

/** Every element at a slash path (the last step may match several). */
export function allAt(element: XmlElement | undefined, path: string): XmlElement[] {
  const steps = path.split("/");
  const last = steps.pop()!;
  const parent = steps.length ? at(element, steps.join("/")) : element;
  return childElements(parent, last);
}

/** Every descendant element named `local`, in document order. */
export function descendants(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === "string") continue;
      if (child.local === local) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

/** An attribute by local name, whatever its prefix (`xml:lang` as `lang`). */
export function attr(element: XmlElement | undefined, local: string): string | undefined {
  if (!element) return undefined;
  if (local in element.attrs) return element.attrs[local];
  for (const [key, value] of Object.entries(element.attrs)) {
    if (key.endsWith(`:${local}`) && !key.startsWith("xmlns")) return value;
  }
  return undefined;
}

/** The text content of `element` (all descendant text, concatenated). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return "";
  let text = "";
  for (const child of element.children) text += typeof child === "string" ? child : textOf(child);
  return text;
}

/** Trimmed text content, or undefined when empty. */
export function trimmedText(element: XmlElement | undefined): string | undefined {
  const text = textOf(element).trim();
  return text === "" ? undefined : text;
}

/** Serialises the children of `element` as HTML (local names, escaped text and attributes). */
export function innerHtml(element: XmlElement | undefined): string {
  if (!element) return "";
  return element.children.map(outerHtml).join("");
}

/** Serialises one node as HTML. */
export function outerHtml(node: XmlNode): string {
  if (typeof node === "string") return escapeText(node);
  let attrs = "";
  for (const [key, value] of Object.entries(node.attrs)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) continue;
    attrs += ` ${key.includes(":") ? key.slice(key.indexOf(":") + 1) : key}="${escapeAttr(value)}"`;
  }
  if (node.children.length === 0 && VOID_ELEMENTS.has(node.local)) {
    return `<${node.local}${attrs}/>`;
  }
  return `<${node.local}${attrs}>${innerHtml(node)}</${node.local}>`;
}

const VOID_ELEMENTS = new Set(["br", "hr", "img", "input", "meta", "link", "col", "wbr"]);

/** Text escaped for HTML content. */
export function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function escapeAttr(text: string): string {
  return escapeText(text).replaceAll('"', "&quot;");
}
