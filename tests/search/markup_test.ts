import assert from "node:assert/strict";
import { markupMatches } from "../../src/search/analysis/markup.ts";
import { BLOCK, decodeEntity, ENTITY, htmlToText } from "../../src/search/analysis/html_text.ts";
import {
  ADVERSARIAL,
  ADVERSARIAL_UNITS,
  adversarialHtml,
  generatedHtml,
  random,
} from "../text/_html_inputs.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

// REFERENCE: the regular expression `markupMatches` replaced (quadratic on adversarial input);
// the scanner must find exactly what it finds.
const MARKUP_REFERENCE =
  /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<[!?][^>]*>/g;

function reference(html: string): unknown[] {
  return [...html.matchAll(MARKUP_REFERENCE)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
    raw: m[1],
    tag: m[2],
  }));
}

function scanned(html: string): unknown[] {
  return [...markupMatches(html)].map((m) => ({
    index: m.index,
    end: m.end,
    raw: m.raw,
    tag: m.tag,
  }));
}

Deno.test("markupMatches finds what the markup regular expression finds", () => {
  const next = random(11);
  const cases = [...ADVERSARIAL];
  for (let i = 0; i < 5000; i++) cases.push(generatedHtml(next));
  for (const html of cases) assert.deepEqual(scanned(html), reference(html), JSON.stringify(html));
});

/** REFERENCE: `htmlToText` as it was, on the regular expression. */
function htmlToTextReference(html: string): string {
  if (!html.includes("<") && !html.includes("&")) return html;
  const text = html.replace(MARKUP_REFERENCE, (_m, raw?: string, tag?: string) => {
    if (raw) return "\n";
    return tag && BLOCK.has(tag.toLowerCase()) ? "\n" : "";
  });
  return text.replace(ENTITY, decodeEntity);
}

Deno.test("htmlToText gives the text it gave on the regular expression", () => {
  const next = random(12);
  const cases = [...ADVERSARIAL];
  for (let i = 0; i < 5000; i++) cases.push(generatedHtml(next));
  for (const html of cases) {
    assert.equal(htmlToText(html), htmlToTextReference(html), JSON.stringify(html));
  }
});

Deno.test("htmlToText runs in linear time on adversarial markup", async () => {
  // From 2,500 to 40,000 characters (tests/_linear_growth.ts).
  for (const unit of ADVERSARIAL_UNITS) {
    const make = (size: number) => adversarialHtml(unit, size);
    await assertLinearGrowth("htmlToText", htmlToText, { make, n: 2_500 });
  }
});
