/**
 * A small, safe XML reader for agency feeds (Deno has no DOMParser). It builds a plain tree of
 * elements with their namespace URIs resolved. Safe by construction: a document type's internal
 * subset is skipped and never defines anything, so only the five predefined entities and
 * character references are expanded (no external entities, no entity expansion bombs); the input
 * size and the nesting depth are bounded. Anything malformed is an `XmlError` naming the line and
 * column.
 */

/** An element: qualified name as written, local name, namespace URI, attributes, children. */
export interface XmlElement {
  name: string;
  local: string;
  /** The namespace URI, "" for none. */
  ns: string;
  /** Attributes by their qualified name as written (`xml:lang`, `href`). */
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** A child: an element or a run of text (entities already decoded). */
export type XmlNode = XmlElement | string;

/** Limits of one parse. */
export interface XmlLimits {
  /** Largest document in characters (default 32 MiB). */
  maxChars?: number;
  /** Deepest element nesting (default 256). */
  maxDepth?: number;
}

/** A malformed or refused document. */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Parses `text` into its root element. Line ends are normalised first, as XML 1.0 (2.11) has
 * it: `\r\n` and a lone `\r` are read as `\n` (a `&#13;` reference still gives a `\r`).
 */
export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  const { maxChars = 32 * 1024 * 1024, maxDepth = 256 } = limits;
  if (text.length > maxChars) {
    throw new XmlError(`XML document is too large: ${text.length} characters, limit ${maxChars}`);
  }
  const normalised = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  return new Reader(normalised, maxDepth).document();
}

/** One pass over the text. */
class Reader {
  #text: string;
  #pos = 0;
  #maxDepth: number;

  constructor(text: string, maxDepth: number) {
    this.#text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.#maxDepth = maxDepth;
  }

  document(): XmlElement {
    this.#misc(true);
    if (this.#text[this.#pos] !== "<") this.#fail("expected the root element");
    const root = this.#element(new Map([["xml", XML_NS]]), 1);
    this.#misc(false);
    if (this.#pos < this.#text.length) this.#fail("content after the root element");
    return root;
  }

  /** Skips whitespace, comments, processing instructions and (before the root) a doctype. */
  #misc(prolog: boolean) {
    const t = this.#text;
    for (;;) {
      while (this.#pos < t.length && isSpace(t.charCodeAt(this.#pos))) this.#pos++;
      if (t.startsWith("<?", this.#pos)) this.#skipTo("?>");
      else if (t.startsWith("<!--", this.#pos)) this.#skipTo("-->");
      else if (prolog && t.startsWith("<!DOCTYPE", this.#pos)) this.#doctype();
      else return;
    }
  }

  /** Skips a doctype, internal subset included; nothing in it is ever used. */
  #doctype() {
    const t = this.#text;
    let depth = 0;
    let quote = "";
    for (let i = this.#pos + 9; i < t.length; i++) {
      const c = t[i]!;
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "[") depth++;
      else if (c === "]") depth--;
      else if (c === ">" && depth <= 0) {
        this.#pos = i + 1;
        return;
      }
    }
    this.#fail("unterminated DOCTYPE");
  }

  #element(scope: Map<string, string>, depth: number): XmlElement {
    if (depth > this.#maxDepth) this.#fail(`elements nested deeper than ${this.#maxDepth}`);
    const t = this.#text;
    this.#pos++; // "<"
    const name = this.#name();
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const before = this.#pos;
      while (this.#pos < t.length && isSpace(t.charCodeAt(this.#pos))) this.#pos++;
      const c = t[this.#pos];
      if (c === undefined) this.#fail(`unterminated start tag <${name}>`);
      if (c === ">") {
        this.#pos++;
        break;
      }
      if (c === "/") {
        if (t[this.#pos + 1] !== ">") this.#fail(`expected "/>" in <${name}>`);
        this.#pos += 2;
        selfClosing = true;
        break;
      }
      if (this.#pos === before) this.#fail(`expected whitespace before an attribute in <${name}>`);
      const attr = this.#name();
      while (isSpace(t.charCodeAt(this.#pos))) this.#pos++;
      if (t[this.#pos] !== "=") this.#fail(`attribute "${attr}" has no value`);
      this.#pos++;
      while (isSpace(t.charCodeAt(this.#pos))) this.#pos++;
      const quote = t[this.#pos];
      if (quote !== '"' && quote !== "'") this.#fail(`attribute "${attr}" value is not quoted`);
      const end = t.indexOf(quote, this.#pos + 1);
      if (end < 0) this.#fail(`unterminated value of attribute "${attr}"`);
      const raw = t.slice(this.#pos + 1, end);
      if (raw.includes("<")) this.#fail(`"<" in the value of attribute "${attr}"`);
      if (attr in attrs) this.#fail(`duplicate attribute "${attr}" in <${name}>`);
      attrs[attr] = this.#decode(raw);
      this.#pos = end + 1;
    }
    const own = declaredNamespaces(attrs, scope);
    const element: XmlElement = { name, ...resolve(name, own, true), attrs, children: [] };
    if (element.ns === undefined) this.#fail(`undeclared namespace prefix in <${name}>`);
    if (!selfClosing) this.#content(element, own, depth);
    return element;
  }

  #content(element: XmlElement, scope: Map<string, string>, depth: number) {
    const t = this.#text;
    let text = "";
    for (;;) {
      const lt = t.indexOf("<", this.#pos);
      if (lt < 0) this.#fail(`unclosed element <${element.name}>`);
      if (lt > this.#pos) text += this.#decode(t.slice(this.#pos, lt));
      this.#pos = lt;
      if (t.startsWith("</", lt)) {
        this.#pos += 2;
        const closing = this.#name();
        if (closing !== element.name) {
          this.#fail(`</${closing}> does not close <${element.name}>`);
        }
        while (isSpace(t.charCodeAt(this.#pos))) this.#pos++;
        if (t[this.#pos] !== ">") this.#fail(`expected ">" after </${closing}`);
        this.#pos++;
        if (text) element.children.push(text);
        return;
      }
      if (t.startsWith("<![CDATA[", lt)) {
        const end = t.indexOf("]]>", lt + 9);
        if (end < 0) this.#fail("unterminated CDATA section");
        text += t.slice(lt + 9, end);
        this.#pos = end + 3;
      } else if (t.startsWith("<!--", lt)) {
        this.#skipTo("-->");
      } else if (t.startsWith("<?", lt)) {
        this.#skipTo("?>");
      } else if (t.startsWith("<!", lt)) {
        this.#fail("markup declaration inside an element");
      } else {
        if (text) element.children.push(text);
        text = "";
        element.children.push(this.#element(scope, depth + 1));
      }
    }
  }

  #name(): string {
    const t = this.#text;
    const start = this.#pos;
    while (this.#pos < t.length && !isNameEnd(t.charCodeAt(this.#pos))) this.#pos++;
    if (this.#pos === start) this.#fail("expected a name");
    return t.slice(start, this.#pos);
  }

  /** Decodes entity and character references; any other entity is refused. */
  #decode(raw: string): string {
    if (!raw.includes("&")) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (match, ref: string) => {
      if (!match.endsWith(";")) this.#fail(`unterminated reference "${match}"`);
      if (ref.startsWith("#")) {
        const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) {
          this.#fail(`bad character reference "${match}"`);
        }
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED[ref];
      if (value === undefined) this.#fail(`undefined entity "&${ref};"`);
      return value;
    });
  }

  #skipTo(end: string) {
    const at = this.#text.indexOf(end, this.#pos);
    if (at < 0) this.#fail(`expected "${end}"`);
    this.#pos = at + end.length;
  }

  #fail(message: string): never {
    const before = this.#text.slice(0, this.#pos);
    const line = before.split("\n").length;
    const column = this.#pos - before.lastIndexOf("\n");
    throw new XmlError(`Malformed XML at line ${line}, column ${column}: ${message}`);
  }
}

/** The scope after an element's own `xmlns` declarations (the parent's when it has none). */
function declaredNamespaces(
  attrs: Record<string, string>,
  scope: Map<string, string>,
): Map<string, string> {
  let own: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) {
      own ??= new Map(scope);
      own.set(key === "xmlns" ? "" : key.slice(6), value);
    }
  }
  return own ?? scope;
}

/** Local name and namespace URI of a qualified name (`ns` undefined when the prefix is unknown). */
function resolve(name: string, scope: Map<string, string>, isElement: boolean) {
  const colon = name.indexOf(":");
  if (colon < 0) return { local: name, ns: isElement ? scope.get("") ?? "" : "" };
  return { local: name.slice(colon + 1), ns: scope.get(name.slice(0, colon))! };
}

/** Whitespace, "/", ">" or "=": what ends a name. */
function isNameEnd(code: number): boolean {
  return code === 0x2f || code === 0x3e || code === 0x3d || isSpace(code);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

const DECLARED_ENCODING = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** Parses bytes, decoding them as the XML declaration says (UTF-8 by default). */
export function parseXmlBytes(bytes: Uint8Array, limits: XmlLimits = {}): XmlElement {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const label = DECLARED_ENCODING.exec(head.replace(/^\uFEFF|^ï»¿/, ""))?.[1] ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new XmlError(`Unsupported XML encoding "${label}"`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new XmlError(`XML document is not valid ${label}`);
  }
  return parseXml(text, limits);
}
