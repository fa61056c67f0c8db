import assert from "node:assert/strict";
import { decodeHTML, decodeHTMLAttribute } from "entities";
import { characterEntities } from "character-entities";
import { characterEntitiesLegacy } from "character-entities-legacy";
import {
  LEGACY_ENTITIES,
  LONGEST_LEGACY_ENTITY,
  NAMED_ENTITIES,
} from "../../src/text/html_entities.ts";
import { htmlToXml } from "../../src/publish/formatters/html_fragment.ts";
import { decodeEntities } from "../../src/text/html_references.ts";
import { htmlToText as publishText } from "../../src/publish/formatters/html_fragment.ts";
import { htmlToText as contentText, plainText } from "../../src/content/html_text.ts";
import { htmlToText as searchText } from "../../src/search/analysis/html_text.ts";
import { random } from "./_html_inputs.ts";

// The table is generated from the character-entities packages; the npm package `entities` (an
// independent implementation of HTML's decoding) checks it and the decoder.

const NAMES = Object.keys(NAMED_ENTITIES);

Deno.test("the table holds HTML's 2,125 names and its 106 legacy ones: 2,231 references", () => {
  assert.equal(NAMES.length, 2125);
  assert.equal(LEGACY_ENTITIES.size, 106);
  for (const name of LEGACY_ENTITIES) assert.ok(name in NAMED_ENTITIES, name);
  assert.equal(LONGEST_LEGACY_ENTITY, Math.max(...[...LEGACY_ENTITIES].map((n) => n.length)));
  assert.equal(NAMED_ENTITIES.constructor, undefined); // no inherited names
});

Deno.test("the committed table is what the generator makes of the pinned packages", () => {
  // scripts/html_entities/generate.ts writes it; a hand edit or a package bump without a rerun
  // shows here.
  assert.deepEqual({ ...NAMED_ENTITIES }, characterEntities);
  assert.deepEqual([...LEGACY_ENTITIES].sort(), [...characterEntitiesLegacy].sort());
});

Deno.test("every named reference decodes as HTML decodes it, with and without `;`", () => {
  for (const name of NAMES) {
    assert.equal(decodeEntities(`&${name};`), decodeHTML(`&${name};`), name);
    assert.equal(decodeEntities(`x&${name} y`), decodeHTML(`x&${name} y`), name);
    assert.equal(
      decodeEntities(`&${name}=`, { attribute: true }),
      decodeHTMLAttribute(`&${name}=`),
    );
  }
});

/** `&Name;` decoded through our lower-case fallback (`&NBSP;`), which HTML does not have. */
function usesCaseFallback(text: string): boolean {
  return [...text.matchAll(/&([a-z][a-z0-9]*);/gi)].some(([, name]) =>
    !(name! in NAMED_ENTITIES) && name!.toLowerCase() in NAMED_ENTITIES
  );
}

Deno.test("text and attribute values decode as HTML decodes them", () => {
  const next = random(51);
  const pieces = ["&", ";", "=", " ", "x", "1", "amp", "not", "notin", "it", "copy", "COPY", "reg"]
    .concat(["ion", "sr", "AElig", "Dagger", "frac12", "lt", "nbsp", "hearts", "&&", "eacute"]);
  let checked = 0;
  for (let i = 0; i < 5000; i++) {
    let text = "";
    for (let n = 1 + Math.floor(next() * 12); n > 0; n--) {
      text += pieces[Math.floor(next() * pieces.length)];
    }
    if (usesCaseFallback(text)) continue;
    assert.equal(decodeEntities(text), decodeHTML(text), JSON.stringify(text));
    assert.equal(
      decodeEntities(text, { attribute: true }),
      decodeHTMLAttribute(text),
      JSON.stringify(text),
    );
    checked++;
  }
  assert.ok(checked > 4000, `checked ${checked}`);
});

Deno.test("all names decode wherever HTML becomes text", () => {
  const html = "<p>Caf&eacute; &hearts; &Dagger; &dagger; &NotEqualTilde; &copy 2026</p>";
  const text = "Café ♥ ‡ † \u2242\u0338 © 2026";
  assert.equal(publishText(html), text);
  assert.equal(contentText(html), text);
  assert.equal(plainText(html), text);
  assert.equal(searchText(html), `\n${text}\n`);
  assert.equal(htmlToXml(html), `<p>${text}</p>`);
  // Links keep their query strings; a name in another case decodes as before (`&NBSP;`).
  assert.equal(
    htmlToXml('<a href="/?a=1&region=eu&copy=2&amp;x">l&NBSP;</a>'),
    '<a href="/?a=1&amp;region=eu&amp;copy=2&amp;x">l\u00a0</a>',
  );
  // Names an object inherits are no references.
  assert.equal(publishText("&constructor; &__proto__;"), "&constructor; &__proto__;");
  assert.equal(searchText("&constructor;"), "&constructor;");
});

Deno.test("numeric references decode as HTML decodes them, with and without `;`", () => {
  // Every code point up to U+FFFF (surrogates, 0x80-0x9F read as Windows-1252, 0), then a sample
  // to past U+10FFFF and digit runs no code point has.
  const codes = Array.from({ length: 0x10000 }, (_, code) => code);
  for (let code = 0x10000; code <= 0x110100; code += 0xff) codes.push(code);
  codes.push(0x10ffff, 0x110000, 2 ** 31, 2 ** 53);
  for (const code of codes) {
    for (const ref of [`&#${code}`, `&#x${code.toString(16)}`, `&#X${code.toString(16)}`]) {
      for (const text of [`${ref};`, `${ref} x`, `a${ref}`]) {
        assert.equal(decodeEntities(text), decodeHTML(text), text);
      }
    }
  }
  const attribute = "&#150;&#x92&#1114112;&#xd800;&#0";
  assert.equal(decodeEntities(attribute, { attribute: true }), decodeHTMLAttribute(attribute));
  // Through the formats: no C1 control, lone surrogate or lost character is published.
  assert.equal(
    htmlToXml("<p>a&#150;b &#x92;s &#xD800;&#0;</p>"),
    "<p>a\u2013b \u2019s \ufffd\ufffd</p>",
  );
  assert.equal(publishText("&#8364 &#x41;"), "\u20ac A");
});
