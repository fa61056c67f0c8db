import assert from "node:assert/strict";
import { templateTags } from "../../src/content/template_tags.ts";
import { paragraphs } from "../../src/content/paragraphs.ts";
import { renderTemplate } from "../../src/content/template_language.ts";
import { templateFilters } from "../../src/content/template_rendering.ts";
import { random } from "../text/_html_inputs.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

// REFERENCE: the regular expressions these scanners replaced (quadratic when nothing closes
// many starts); the scanners must find exactly what they found.
const TAG_REFERENCE = /\{\{([\s\S]*?)\}\}|\{%-?([\s\S]*?)-?%\}|\{#[\s\S]*?#\}/g;
const PARAGRAPH_REFERENCE = /<p\b[^>]*>([\s\S]*?)<\/p>/gi;

function generated(seed: number, pieces: string[]): string[] {
  const next = random(seed);
  return Array.from({ length: 5000 }, () => {
    let text = "";
    for (let i = 1 + Math.floor(next() * 25); i > 0; i--) {
      text += pieces[Math.floor(next() * pieces.length)];
    }
    return text;
  });
}

Deno.test("templateTags finds what the template tag expression found", () => {
  const pieces = ["{", "}", "{{", "}}", "{%", "%}", "{%-", "-%}", "-", "%", "{#", "#}", "#", "x"];
  let tags = 0;
  for (const source of generated(61, pieces.concat([" ", "\n", "if a", "endif", "{{{"]))) {
    const expected = [...source.matchAll(TAG_REFERENCE)].map((m) => ({
      index: m.index,
      end: m.index + m[0].length,
      output: m[1],
      statement: m[2],
    }));
    const found = [...templateTags(source)].map((t) => ({
      index: t.index,
      end: t.end,
      output: t.output,
      statement: t.statement,
    }));
    assert.deepEqual(found, expected, JSON.stringify(source));
    tags += found.length;
  }
  assert.ok(tags > 3000, `tags ${tags}`);
});

Deno.test("paragraphs finds what the first_paragraph expression found", () => {
  const pieces = ["<p", "<P ", "<p>", "<pre>", "<p-x>", ">", "</p>", "</P>", "</p", "a", " "];
  let found = 0;
  for (const html of generated(62, pieces)) {
    const expected = [...html.matchAll(PARAGRAPH_REFERENCE)].map((m) => [m[0], m[1]]);
    assert.deepEqual([...paragraphs(html)].map((p) => [p.html, p.text]), expected, html);
    found += expected.length;
  }
  assert.ok(found > 2000, `paragraphs ${found}`);
});

Deno.test("templates and first_paragraph run in linear time on unclosed starts", async () => {
  // From 2,500 to 40,000 characters (tests/_linear_growth.ts).
  const filters = templateFilters("UTC");
  const render = (body: string) =>
    renderTemplate("{{ body | first_paragraph }}", { body }, filters);
  const template = (source: string) => renderTemplate(source, { a: "x", b: true }, filters);
  const inputs: Array<[string, (s: string) => unknown]> = [
    ["{{", template],
    ["{%", template],
    ["{#", template],
    ["<p>", render],
    ["<p ", render],
  ];
  for (const [unit, f] of inputs) {
    const make = (size: number) => unit.repeat(size / unit.length);
    await assertLinearGrowth(unit, f, { make, n: 2_500 });
  }
});
