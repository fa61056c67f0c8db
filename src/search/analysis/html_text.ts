/**
 * HTML to the text a search engine should see, as Lucene's HTMLStripCharFilter (Superdesk's
 * `html_strip` char filter) makes it: tags and comments go, `script`/`style` content goes,
 * block-level tags and `<br>` become line breaks (so words in adjacent paragraphs stay apart),
 * inline tags vanish (`fl<b>oo</b>d` is one word), and character references are decoded. We
 * strip on our side because the Elasticsearch distribution we test on has no analysis-common
 * module (so no `html_strip`); both engines then analyse the same text.
 */
import { LEGACY_ENTITIES, NAMED_ENTITIES } from "../../text/html_entities.ts";
import { markupMatches } from "./markup.ts";

/** Tags that break words (they become a line break). */
export const BLOCK: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Character references. */
export const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

/** True when `value` may hold markup or character references (else it is its own text). */
export function mayBeHtml(value: string): boolean {
  return value.includes("<") || value.includes("&");
}

/** The text of `html` (see the module doc). */
export function htmlToText(html: string): string {
  if (!mayBeHtml(html)) return html;
  let text = "";
  let at = 0;
  for (const m of markupMatches(html)) {
    text += html.slice(at, m.index);
    if (m.raw || (m.tag && BLOCK.has(m.tag.toLowerCase()))) text += "\n";
    at = m.end;
  }
  text += html.slice(at);
  return text.replace(ENTITY, decodeEntity);
}

/**
 * The text a character reference stands for (`match` itself for an unknown name). Without its
 * `;` only HTML's legacy names (`&amp`, `&copy` ...) are references, so `sign&in` keeps its
 * word rather than becoming `sign∈`.
 */
export function decodeEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) {
    const known = NAMED_ENTITIES[name] !== undefined ? name : name.toLowerCase();
    const text = NAMED_ENTITIES[known];
    if (text === undefined || (!match.endsWith(";") && !LEGACY_ENTITIES.has(known))) return match;
    return text;
  }
  const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)
    ? String.fromCodePoint(cp)
    : "\ufffd";
}
