import assert from "node:assert/strict";
import { htmlToXml, XHTML_ALLOWED as XHTML } from "../../src/publish/formatters/html_fragment.ts";
import { decodeEntities } from "../../src/text/html_references.ts";
import { isSpace, tagMatches } from "../../src/publish/formatters/html_tags.ts";
import { escapeAttribute, escapeText } from "../../src/publish/formatters/xml_writer.ts";
import { ADVERSARIAL, adversarialHtml, generatedHtml, random } from "./_html_inputs.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

// REFERENCE: `htmlToXml` as it was, on a regular expression that walks a tag's attributes to the
// end of the value again from every tag start (quadratic), and a stack walked for each tag; the
// linear one must give exactly the same output.

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;

type AllowList = Record<string, readonly string[]>;
interface Token {
  kind: "text" | "open" | "close";
  value: string;
  attributes?: Record<string, string>;
  selfClosing?: boolean;
}
const BLOCKS = new Set(["p", "div", "ul", "ol", "table", "blockquote", "pre"].concat(
  ["h1", "h2", "h3", "h4", "h5", "h6"],
));
const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"]);
const DROPPED = new Set(["script", "style", "head", "title", "template", "iframe", "object"]);

function* tokensReference(html: string): Generator<Token> {
  let last = 0;
  for (const match of html.slice(0, html.lastIndexOf(">") + 1).matchAll(TOKEN)) {
    if (match.index! > last) yield { kind: "text", value: html.slice(last, match.index) };
    last = match.index! + match[0].length;
    if (match[1]) yield { kind: "close", value: match[1].toLowerCase() };
    else if (match[2]) {
      yield {
        kind: "open",
        value: match[2].toLowerCase(),
        attributes: parseAttributesReference(match[3] ?? ""),
        selfClosing: match[4] === "/",
      };
    }
  }
  if (last < html.length) yield { kind: "text", value: html.slice(last) };
}

function parseAttributesReference(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (
    const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)
  ) {
    // The decoder is today's (this reference is about finding the tags).
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attributes[match[1]!.toLowerCase()] = decodeEntities(value, { attribute: true });
  }
  return attributes;
}

function htmlToXmlReference(
  html: string,
  allowed: AllowList,
  rename: Record<string, string>,
): string {
  const out: string[] = [];
  const open: string[] = [];
  const closeUpTo = (name: string) => {
    while (open.length > 0) {
      const top = open.pop()!;
      out.push(`</${rename[top] ?? top}>`);
      if (top === name) return;
    }
  };
  let dropping: string | undefined;
  for (const token of tokensReference(html)) {
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
    const kept = allowed[name];
    const target = rename[name] ?? name;
    if (token.kind === "open") {
      if (!kept) continue;
      if (BLOCKS.has(name) && open.includes("p")) closeUpTo("p");
      if (name === "li" && open.includes("li")) closeUpTo("li");
      const attributes = Object.entries(token.attributes ?? {})
        .filter(([key]) => kept.includes(key))
        .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join("");
      if (VOID.has(name) || token.selfClosing) out.push(`<${target}${attributes}/>`);
      else {
        out.push(`<${target}${attributes}>`);
        open.push(name);
      }
    } else if (kept && open.includes(name)) closeUpTo(name);
  }
  while (open.length > 0) {
    const top = open.pop()!;
    out.push(`</${rename[top] ?? top}>`);
  }
  return out.join("");
}

/** Attribute syntax in all its forms, white space of every kind, nesting and unknown elements. */
const PIECES = [
  "<p",
  "<p ",
  "<P",
  "<a",
  "<li",
  "<b:x",
  "</",
  "</p",
  "</a>",
  "</li>",
  "</b >",
  ">",
  "/>",
  "/",
  " ",
  "  ",
  "\t",
  "\n",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "=",
  " = ",
  '"',
  "'",
  '="',
  "='",
  '"x"',
  "'y'",
  '"a b"',
  "a",
  "href",
  "title",
  "colspan",
  "x=1",
  "a=b/",
  "<",
  "<!--",
  "-->",
  "<![CDATA[",
  "]]>",
  "<!",
  "<?",
  "&amp;",
  "&lt;",
  "&#x41;",
  "&quot;",
  "word",
  "<script>",
  "</script>",
  "<style/>",
  "<ul>",
  "<td",
  "<h2>",
  "<br/>",
];

function attributeHeavy(next: () => number): string {
  let html = "";
  for (let i = 1 + Math.floor(next() * 40); i > 0; i--) {
    html += PIECES[Math.floor(next() * PIECES.length)];
  }
  return html;
}

function cases(seed: number): string[] {
  const next = random(seed);
  const all = [...ADVERSARIAL];
  for (let i = 0; i < 4000; i++) all.push(generatedHtml(next), attributeHeavy(next));
  return all;
}

const NITF = {
  allowed: { p: [], b: [], a: ["href"], h2: [], td: ["colspan"], li: [], ul: [], br: [] },
  rename: { h2: "hl2", b: "em", li: "item" },
};

Deno.test("tagMatches finds what the tokenizer's regular expression finds", () => {
  let opened = 0;
  for (const html of cases(31)) {
    const expected = [...html.matchAll(TOKEN)].map((m) => ({
      index: m.index,
      end: m.index + m[0].length,
      close: m[1],
      open: m[2],
      attributes: m[3],
      selfClosing: m[2] ? m[4] === "/" : undefined,
    }));
    const found = [...tagMatches(html)].map((m) => ({
      index: m.index,
      end: m.end,
      close: m.close,
      open: m.open,
      attributes: m.attributes,
      selfClosing: m.selfClosing,
    }));
    assert.deepEqual(found, expected, JSON.stringify(html));
    opened += expected.filter((m) => m.attributes).length;
  }
  assert.ok(opened > 2000, `tags with attributes: ${opened}`);
});

Deno.test("htmlToXml gives what it gave on the regular expression", () => {
  const outputs = new Set<string>();
  for (const html of cases(32)) {
    const label = JSON.stringify(html);
    const xhtml = htmlToXml(html);
    assert.equal(xhtml, htmlToXmlReference(html, XHTML, {}), label);
    assert.equal(htmlToXml(html, NITF), htmlToXmlReference(html, NITF.allowed, NITF.rename), label);
    outputs.add(xhtml);
  }
  assert.ok(outputs.size > 4000);
});

Deno.test("element names an object inherits are unknown elements", () => {
  // `allowed.constructor` was Object: `<constructor a=1>` threw, `<constructor>` was not XML.
  assert.equal(htmlToXml("<constructor a=1>x</constructor><p>y</p>"), "x<p>y</p>");
  assert.equal(htmlToXml("<p>a<tostring>b</constructor></p>", NITF), "<p>ab</p>");
});

Deno.test("isSpace is /\\s/ for every UTF-16 code unit", () => {
  for (let c = 0; c <= 0xffff; c++) {
    assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
  }
});

Deno.test("htmlToXml runs in linear time on adversarial markup", async () => {
  // From 2,500 to 40,000 characters (tests/_linear_growth.ts).
  const xml = (html: string) => htmlToXml(html);
  const units = ["<p a ", '<p a="x ', "<p a='x ", '<p a="', "<p a=x ", "<!-- >", "<![CDATA[>"];
  const inputs = units.map((unit) => (size: number) => adversarialHtml(unit, size - 3) + "/x>");
  // Many open elements, then many closing tags of one that is not open.
  inputs.push((size) => "<b>".repeat(size / 7) + "</i>".repeat(size / 7));
  for (const make of inputs) await assertLinearGrowth("htmlToXml", xml, { make, n: 2_500 });
});
