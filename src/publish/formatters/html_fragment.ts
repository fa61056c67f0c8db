/**
 * Editor HTML (`body_html`) as well-formed XML for the XML formats: a tolerant tokenizer keeps
 * an allow-list of elements and attributes, closes what the author left open, drops what it does
 * not know (keeping its text), decodes HTML entities and escapes everything. Also the plain text
 * of an HTML fragment, for text outputs (email).
 */
import { removeRawElements, replaceUpTo } from "../../text/bounded_replace.ts";
import { decodeEntities } from "../../text/html_references.ts";
import { tagMatches } from "./html_tags.ts";
import { escapeAttribute, escapeText } from "./xml_writer.ts";

/** Which elements (and, per element, which attributes) survive. */
export type AllowList = Record<string, readonly string[]>;

/** The XHTML subset NewsML-G2 `inlineXML` and NINJS HTML carry. */
export const XHTML_ALLOWED: AllowList = {
  p: [],
  br: [],
  b: [],
  i: [],
  u: [],
  em: [],
  strong: [],
  sub: [],
  sup: [],
  span: [],
  div: [],
  pre: [],
  blockquote: [],
  a: ["href", "title"],
  ul: [],
  ol: [],
  li: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
};

/** Elements that end an open paragraph (HTML's implied `</p>`). */
const BLOCKS = new Set([
  "p",
  "div",
  "ul",
  "ol",
  "table",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);
const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"]);
/** Elements whose content is not text (dropped whole). */
const DROPPED = new Set(["script", "style", "head", "title", "template", "iframe", "object"]);

interface Token {
  kind: "text" | "open" | "close";
  value: string;
  attributes?: Record<string, string>;
  selfClosing?: boolean;
}

function* tokens(html: string): Generator<Token> {
  let last = 0;
  for (const match of tagMatches(html)) {
    if (match.index > last) yield { kind: "text", value: html.slice(last, match.index) };
    last = match.end;
    if (match.close) yield { kind: "close", value: match.close.toLowerCase() };
    else if (match.open) {
      yield {
        kind: "open",
        value: match.open.toLowerCase(),
        attributes: parseAttributes(match.attributes ?? ""),
        selfClosing: match.selfClosing,
      };
    }
  }
  if (last < html.length) yield { kind: "text", value: html.slice(last) };
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (
    const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)
  ) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attributes[match[1]!.toLowerCase()] = decodeEntities(value, { attribute: true });
  }
  return attributes;
}

/**
 * `html` as a well-formed XML fragment of the allowed elements; `rename` maps HTML element names
 * to the target vocabulary's (e.g. NITF's `h2` → `hl2`).
 */
export function htmlToXml(
  html: string,
  { allowed = XHTML_ALLOWED, rename = {} }: {
    allowed?: AllowList;
    rename?: Record<string, string>;
  } = {},
): string {
  const out: string[] = [];
  const open = new OpenElements(out, rename);
  let dropping: string | undefined;
  for (const token of tokens(html)) {
    if (dropping) {
      if (token.kind === "close" && token.value === dropping) dropping = undefined;
      continue;
    }
    if (token.kind === "text") {
      out.push(escapeText(decodeEntities(token.value)));
      continue;
    }
    const name = token.value;
    if (token.kind === "open" && DROPPED.has(name)) {
      if (!token.selfClosing) dropping = name;
      continue;
    }
    const kept = own(allowed, name);
    const target = own(rename, name) ?? name;
    if (token.kind === "open") {
      if (!kept) continue;
      if (BLOCKS.has(name) && open.has("p")) open.closeUpTo("p");
      if (name === "li" && open.has("li")) open.closeUpTo("li");
      const attributes = Object.entries(token.attributes ?? {})
        .filter(([key]) => kept.includes(key))
        .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join("");
      if (VOID.has(name) || token.selfClosing) out.push(`<${target}${attributes}/>`);
      else {
        out.push(`<${target}${attributes}>`);
        open.push(name);
      }
    } else if (kept && open.has(name)) {
      open.closeUpTo(name);
    }
  }
  open.closeUpTo(undefined);
  return out.join("");
}

/** `record[key]` when `record` has it itself (`<constructor>` is no allowed element). */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The elements left open, innermost last, and how many of each name: whether one is open is a
 * look-up, not a walk of the stack (quadratic on many nested elements and many closing tags).
 */
class OpenElements {
  readonly #names: string[] = [];
  readonly #counts = new Map<string, number>();

  constructor(readonly out: string[], readonly rename: Record<string, string>) {}

  has(name: string): boolean {
    return (this.#counts.get(name) ?? 0) > 0;
  }

  push(name: string): void {
    this.#names.push(name);
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1);
  }

  /** Closes the open elements down to and including the innermost `name` (all if undefined). */
  closeUpTo(name: string | undefined): void {
    while (this.#names.length > 0) {
      const top = this.#names.pop()!;
      this.#counts.set(top, this.#counts.get(top)! - 1);
      this.out.push(`</${own(this.rename, top) ?? top}>`);
      if (top === name) return;
    }
  }
}

/** The plain text of `html`: paragraphs and line breaks become new lines. */
export function htmlToText(html: string): string {
  const lines = removeRawElements(html)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h\d|li|blockquote|tr)\s*>/gi, "\n");
  const text = replaceUpTo(lines, /<[^>]*>/g, ">", "");
  return decodeEntities(text).replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n").trim();
}
