/**
 * The body of an STT NewsML item (Superdesk's `STTNewsMLFeedParser.parse_inline_content`): the
 * XHTML `<body>` of an `inlineXML` is cleaned as Superdesk's `sd_etree.clean_html` cleans it
 * (tags outside `HTML_TAGS_WHITELIST` are unwrapped, their text kept; `script` and `style` go with
 * their content; only lxml's safe attributes stay, `class` and `javascript:` links excepted; a
 * block inside a paragraph ends it, as an HTML parser reads it, and follows it),
 * then each top-level element is written as HTML with the text after it, joined by new lines. A
 * body of bare text is preformatted (`<pre>`, `format: preformatted`). STT's `<endash>-</endash>`,
 * escaped in its feed, becomes a plain dash.
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

/** The allowed blocks that close an open `<p>` (HTML's parsing rules: a `<p>` holds no block). */
const PARAGRAPH_CLOSERS = new Set(
  [...ALLOWED_TAGS].filter((tag) => !["li", "em", "strong", "i", "b"].includes(tag)),
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
  if (parts.length > 0) bodyHtml = parts.join("\n");
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
      const children = cleanNodes(node.children);
      const cut = node.local === "p" ? children.findIndex(closesParagraph) : -1;
      const kept = cut < 0 ? children : children.slice(0, cut);
      push({ ...node, attrs: safeAttributes(node.attrs), children: kept });
      if (cut >= 0) children.slice(cut).forEach(push);
    }
  }
  return out;
}

/** Whether `node` starts a block that ends an open paragraph when HTML is parsed. */
function closesParagraph(node: XmlNode): boolean {
  return typeof node !== "string" && PARAGRAPH_CLOSERS.has(node.local);
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
