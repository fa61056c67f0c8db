/** Highlights of an HTML field's text put back on the stored HTML (`html_highlight.ts`). */
import assert from "node:assert/strict";
import { htmlHighlight } from "../../src/search/analysis/html_highlight.ts";
import { htmlToText } from "../../src/search/analysis/html_text.ts";
import { highlightOnOriginals } from "../../src/indexing/search_extras.ts";

const mark = (html: string, words: string[]) => {
  const text = htmlToText(html);
  const highlighted = text.replace(
    new RegExp(`(?<!\\p{L})(${words.join("|")})(?!\\p{L})`, "gu"),
    "<em>$1</em>",
  );
  return htmlHighlight(html, highlighted, "<em>", "</em>");
};

Deno.test("marks land in the HTML at the words' places, markup kept", () => {
  assert.equal(
    mark('This is a link: <a href="#">link</a>', ["a"]),
    'This is <em>a</em> link: <a href="#">link</a>',
  );
  assert.equal(
    mark("This is a div: <div>div body</div>", ["div"]),
    "This is a <em>div</em>: <div><em>div</em> body</div>",
  );
  assert.equal(
    mark("<p>Budget <b>vote</b></p><p>passed</p>", ["vote", "passed"]),
    "<p>Budget <b><em>vote</em></b></p><p><em>passed</em></p>",
  );
});

Deno.test("a character reference is marked whole", () => {
  assert.equal(
    mark("<p>caf&#233; &amp; bar</p>", ["café"]),
    "<p><em>caf&#233;</em> &amp; bar</p>",
  );
});

Deno.test("a highlight of another text is not placed", () => {
  assert.equal(htmlHighlight("<p>foo</p>", "<em>bar</em>", "<em>", "</em>"), undefined);
  assert.equal(htmlHighlight("<p>foo</p>", "<em>foo", "<em>", "</em>"), undefined);
});

const PRE = '<span class="es-highlight">';
const POST = "</span>";
const SPEC = { pre_tags: [PRE], post_tags: [POST] };

Deno.test("an HTML field showing the highlight's tags as text is marked at its words", () => {
  // The indexed text holds the field's markup-as-text decoded, here the highlight's own tags.
  const html = `&lt;span class="es-highlight"&gt;x&lt;/span&gt; vote`;
  const highlighted = htmlToText(html).replace("vote", `${PRE}vote${POST}`);
  assert.equal(
    htmlHighlight(html, highlighted, PRE, POST),
    `&lt;span class="es-highlight"&gt;x&lt;/span&gt; ${PRE}vote${POST}`,
  );
});

Deno.test("a highlight that cannot be placed in the HTML comes back with its text escaped", () => {
  const stale = `<img src=x onerror=alert(1)> ${PRE}vote${POST}`;
  const placed = highlightOnOriginals({ body_html: [stale] }, { body_html: "<p>other</p>" }, SPEC);
  assert.deepEqual(placed.body_html, [
    `&lt;img src=x onerror=alert(1)&gt; ${PRE}vote${POST}`,
  ]);
});

Deno.test("empty tags (a client's own highlight spec) do not stall the placing", () => {
  const html = "<p>vote &amp; count</p>";
  assert.equal(htmlHighlight(html, htmlToText(html), "", ""), html);
  assert.deepEqual(
    highlightOnOriginals({ body_html: ["x <y>"] }, { body_html: html }, {
      pre_tags: [""],
      post_tags: [""],
    }).body_html,
    ["x &lt;y&gt;"],
  );
});

Deno.test("a long text between references is placed (no spread of a long run as arguments)", () => {
  const html = `<p>${"word ".repeat(60_000)}vote</p>`;
  assert.equal(mark(html, ["vote"]), `<p>${"word ".repeat(60_000)}<em>vote</em></p>`);
});
