/**
 * The body of an STT NewsML item (Superdesk's `STTNewsMLFeedParser.parse_inline_content`): the
 * XHTML `<body>` of an `inlineXML` is cleaned as Superdesk's `sd_etree.clean_html` cleans it
 * (tags outside `HTML_TAGS_WHITELIST` are unwrapped, their text kept; `script` and `style` go with
 * their content; only lxml's safe attributes stay, `class` and `javascript:` links excepted; a
 * block directly inside a paragraph ends it and follows it, as lxml's HTML parser (libxml2's HTML 4
 * rules) reads it before the cleaning, whether or not the block is allowed),
 * then each top-level element is written as HTML with the text after it, joined by new lines (a
 * `<div>` without attributes or text after it unwrapped, as Superdesk's `to_string` strips the root
 * div it expects). A body of bare text is preformatted (`<pre>`, `format: preformatted`). STT's
 * `<endash>-</endash>`, escaped in its feed, becomes a plain dash.
 *
 * Two deliberate deviations (README, Ingest): a `<style>`'s text is dropped (Superdesk's cleaner
 * keeps it as body text), and a body of one element is read as any other (Superdesk's
 * `html.fromstring` then returns that element, so a one-paragraph story becomes `<pre>` and the
 * text before a child element of it is lost).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement, XmlNode } from "../../xml/xml_reader.ts";
import { childElement, escapeText, outerHtml, textOf } from "../../xml/xml_query.ts";

/** Superdesk's default `HTML_TAGS_WHITELIST`: the tags the client's editor understands. */
const ALLOWED_TAGS = new Set([
  "h1",
  "h2",
  "h3",
  "h4",
  "h6",
  "blockquote",
  "pre",
  "figure",
  "ul",
  "ol",
  "li",
  "div",
  "p",
  "em",
  "strong",
  "i",
  "b",
]);

/**
 * The elements that close an open `<p>` when lxml parses HTML (libxml2's HTML 4 rules, allowed or
 * not: `figure` and `section` are unknown to it and do not).
 */
const PARAGRAPH_CLOSERS = new Set(
  ("address blockquote center dd dir div dl dt fieldset form h1 h2 h3 h4 h5 h6 hr li listing " +
    "menu ol p pre table ul xmp").split(" "),
);

/** Elements removed with everything inside them. */
const REMOVED_TAGS = new Set(["script", "style"]);

/** lxml's `html.defs.safe_attrs` without `class`, as `clean_html` keeps them. */
const SAFE_ATTRIBUTES = new Set(
  ("abbr accept accept-charset accesskey action align alt axis border cellpadding cellspacing " +
    "char charoff charset checked cite clear cols colspan color compact coords datetime dir " +
    "disabled enctype for frame headers height href hreflang hspace id ismap label lang " +
    "longdesc maxlength media method multiple name nohref noshade nowrap prompt readonly rel " +
    "rev rows rowspan rules scope selected shape size span src start summary tabindex target " +
    "title type usemap valign value vspace width").split(" "),
);

const ESCAPED_ENDASH = "&lt;endash&gt;-&lt;/endash&gt;";

/** Sets `body_html` (and `format` for a preformatted body) of `item` from an `inlineXML`. */
export function setSttBody(content: XmlElement, item: Doc): void {
  const html = childElement(content, "html");
  const body = childElement(html, "body");
  if (!body) throw new Error(`item "${item.guid}" has no XHTML body in its inlineXML`);
  const nodes = cleanNodes(body.children);
  const parts: string[] = [];
  for (const node of nodes) {
    if (typeof node !== "string") parts.push(outerHtml(node));
    else if (parts.length > 0) parts[parts.length - 1] += escapeText(node);
  }
  let bodyHtml: string | undefined;
  if (parts.length > 0) bodyHtml = parts.map(withoutRootDiv).join("\n");
  else {
    const text = nodes.map((node) => typeof node === "string" ? node : textOf(node)).join("");
    if (text) {
      bodyHtml = `<pre>${escapeText(text)}</pre>`;
      item.format = "preformatted";
    }
  }
  item.body_html = bodyHtml?.replaceAll(ESCAPED_ENDASH, "-");
}

/** `nodes` cleaned: disallowed elements unwrapped, removed ones dropped, attributes filtered. */
function cleanNodes(nodes: readonly XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  const push = (node: XmlNode) => {
    const last = out.length - 1;
    if (typeof node === "string" && typeof out[last] === "string") out[last] += node;
    else out.push(node);
  };
  for (const node of nodes) {
    if (typeof node === "string") push(node);
    else if (REMOVED_TAGS.has(node.local.toLowerCase())) continue;
    else if (!ALLOWED_TAGS.has(node.local.toLowerCase())) cleanNodes(node.children).forEach(push);
    else {
      const cut = node.local.toLowerCase() === "p" ? node.children.findIndex(closesParagraph) : -1;
      const kept = cut < 0 ? node.children : node.children.slice(0, cut);
      push({ ...node, attrs: safeAttributes(node.attrs), children: cleanNodes(kept) });
      if (cut >= 0) cleanNodes(node.children.slice(cut)).forEach(push);
    }
  }
  return out;
}

/** Whether `node` starts a block that ends an open paragraph when HTML is parsed. */
function closesParagraph(node: XmlNode): boolean {
  return typeof node !== "string" && PARAGRAPH_CLOSERS.has(node.local.toLowerCase());
}

/** `html` without the `<div>` wrapping all of it (Superdesk's `to_string(remove_root_div)`). */
function withoutRootDiv(html: string): string {
  return html.startsWith("<div>") && html.endsWith("</div>") ? html.slice(5, -6) : html;
}

function safeAttributes(attrs: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (!SAFE_ATTRIBUTES.has(local.toLowerCase()) || name.startsWith("xmlns")) continue;
    if (/^\s*javascript:/i.test(value)) continue;
    kept[local] = value;
  }
  return kept;
}
