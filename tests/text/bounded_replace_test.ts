import assert from "node:assert/strict";
import { htmlText, wordCount } from "../../src/text/html_text.ts";
import { htmlToText as contentText } from "../../src/content/html_text.ts";
import {
  htmlToText as fragmentText,
  htmlToXml,
} from "../../src/publish/formatters/html_fragment.ts";
import { decodeEntities } from "../../src/text/html_references.ts";
import {
  ADVERSARIAL,
  ADVERSARIAL_UNITS,
  adversarialHtml,
  generatedHtml,
  random,
} from "./_html_inputs.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

// REFERENCE: the helpers as they were, on regular expressions that rescan to the end of the
// value from every `<` (quadratic); the linear ones must give exactly the same output.

function htmlTextReference(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  return html
    .replace(/<(br|\/p|\/div|\/h\d|\/li)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/gi, "&")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
}

function contentTextReference(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|h[1-6]|li|blockquote|pre|tr)\s*>/gi, "\n")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<[^>]*>/g, ""),
  ).replace(/\n+$/, "");
}

function fragmentTextReference(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h\d|li|blockquote|tr)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text).replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n").trim();
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;

/** The tokenizer's matches, as `htmlToXml` read them over the whole value. */
function tokenMatchesReference(html: string): string[] {
  return [...html.matchAll(TOKEN)].map((m) => `${m.index}:${m[0]}`);
}

function cases(seed: number): string[] {
  const next = random(seed);
  const all = [...ADVERSARIAL];
  for (let i = 0; i < 5000; i++) all.push(generatedHtml(next));
  return all;
}

Deno.test("htmlText, wordCount and both htmlToText give what the regular expressions gave", () => {
  for (const html of cases(21)) {
    const label = JSON.stringify(html);
    assert.equal(htmlText(html), htmlTextReference(html), label);
    assert.equal(
      wordCount(html),
      htmlTextReference(html).split(/\s+/).filter((t) => t !== "" && !/^[\p{P}\p{S}_]+$/u.test(t))
        .length,
      label,
    );
    assert.equal(contentText(html), contentTextReference(html), label);
    assert.equal(fragmentText(html), fragmentTextReference(html), label);
  }
});

Deno.test("htmlToXml's tokenizer finds the same tags up to the last `>` as over the whole value", () => {
  // htmlToXml now matches its tokenizer only up to the last `>`; every match ends at one.
  const xmls = new Set<string>();
  for (const html of cases(22)) {
    const bounded = html.slice(0, html.lastIndexOf(">") + 1);
    assert.deepEqual(
      tokenMatchesReference(bounded),
      tokenMatchesReference(html),
      JSON.stringify(html),
    );
    xmls.add(htmlToXml(html));
  }
  assert.ok(xmls.size > 1000);
});

Deno.test("the HTML-to-text helpers run in linear time on adversarial markup", async () => {
  // From 2,500 to 40,000 characters (tests/_linear_growth.ts).
  const helpers = { htmlText, contentText, fragmentText, htmlToXml: (s: string) => htmlToXml(s) };
  const inputs = ADVERSARIAL_UNITS.map((unit) => (size: number) => adversarialHtml(unit, size));
  // Line breaks that do not end the text made `/\n+$/` quadratic in contentText.
  inputs.push((size) => "\n".repeat(size) + "x");
  for (const [name, helper] of Object.entries(helpers)) {
    for (const make of inputs) await assertLinearGrowth(name, helper, { make, n: 2_500 });
  }
});
