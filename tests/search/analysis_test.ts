/**
 * The analysis both engines share: the standard analyzer as Elasticsearch 8.19 produces it (the
 * expected tokens were taken from its `_analyze` API) and HTML to text as `html_strip` does.
 */
import assert from "node:assert/strict";
import { htmlToText } from "../../src/search/analysis/html_text.ts";
import { standardTokens } from "../../src/search/analysis/standard_analyzer.ts";

Deno.test("the standard analyzer keeps words joined by UAX #29 middle characters", () => {
  assert.deepEqual(
    standardTokens(
      "U.S. stocks rose 1,000.5 points; e-mail O'Neil's co-op a:b foo_bar 3-4 x.y.z 10:30 $5.00 " +
        "50% #tag @user http://ow.ly/KiDDJ",
    ),
    [
      "u.s",
      "stocks",
      "rose",
      "1,000.5",
      "points",
      "e",
      "mail",
      "o'neil's",
      "co",
      "op",
      "a:b",
      "foo_bar",
      "3",
      "4",
      "x.y.z",
      "10",
      "30",
      "5.00",
      "50",
      "tag",
      "user",
      "http",
      "ow.ly",
      "kiddj",
    ],
  );
});

Deno.test("the standard analyzer lowercases per code point and splits scripts as Lucene does", () => {
  assert.deepEqual(standardTokens("Café naïve Ærø İstanbul ΟΔΟΣ Straße"), [
    "café",
    "naïve",
    "ærø",
    "istanbul",
    "οδοσ",
    "straße",
  ]);
  assert.deepEqual(standardTokens("北京大学生 ひらがな カタカナ 한국어 ภาษาไทย"), [
    "北",
    "京",
    "大",
    "学",
    "生",
    "ひ",
    "ら",
    "が",
    "な",
    "カタカナ",
    "한국어",
    "ภาษาไทย",
  ]);
  assert.deepEqual(standardTokens("emoji 😀 ok 👍🏽 👨‍👩‍👧 🇫🇷"), [
    "emoji",
    "😀",
    "ok",
    "👍🏽",
    "👨‍👩‍👧",
    "🇫🇷",
  ]);
  assert.deepEqual(standardTokens("x".repeat(300)), ["x".repeat(255), "x".repeat(45)]);
  assert.deepEqual(standardTokens("___ _foo_ a--b ..1"), ["_foo_", "a", "b", "1"]);
});

Deno.test("HTML becomes text: tags go, blocks separate words, inline tags do not", () => {
  assert.equal(
    htmlToText('<p class="lead">Storm&nbsp;<b>warn</b>ing</p><p>Rain &amp; wind&#33;</p>'),
    "\nStorm\u00a0warning\n\nRain & wind!\n",
  );
  assert.equal(htmlToText("<script>var x = 1;</script>a<!-- note -->b<br/>c"), "\nab\nc");
  assert.equal(htmlToText("a < b and c > d"), "a < b and c > d");
  assert.equal(htmlToText("&unknown; &#xD800; &#65;"), "&unknown; \ufffd A");
  // Without `;` only HTML's legacy names are references: words after `&` stay words.
  assert.equal(
    htmlToText("sign&in &Star &amp R&D &copy &in; &Eacute;"),
    "sign&in &Star & R&D \u00a9 \u2208 \u00c9",
  );
});
