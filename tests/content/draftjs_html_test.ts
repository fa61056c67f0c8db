/** Draft.js states rendered as Superdesk's backend renders them (editor_utils tests' cases). */
import assert from "node:assert/strict";
import { contentStateHtml, contentStateText } from "../../src/content/draftjs_html.ts";

const block = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  type: "unstyled",
  depth: 0,
  inlineStyleRanges: [],
  entityRanges: [],
  ...extra,
});

Deno.test("inline styles are split into segments, wrapped in name order", () => {
  const html = contentStateHtml({
    blocks: [block("The name of Highlaws comes from", {
      inlineStyleRanges: [
        { offset: 0, length: 3, style: "BOLD" },
        { offset: 4, length: 4, style: "ITALIC" },
        { offset: 9, length: 2, style: "UNDERLINE" },
        { offset: 12, length: 8, style: "STRIKETHROUGH" },
        { offset: 21, length: 5, style: "SUBSCRIPT" },
        { offset: 27, length: 4, style: "SUPERSCRIPT" },
      ],
    })],
    entityMap: {},
  });
  assert.equal(
    html,
    "<p><b>The</b> <i>name</i> <u>of</u> <s>Highlaws</s> <sub>comes</sub> <sup>from</sup></p>",
  );
  const overlapping = contentStateHtml({
    blocks: [block("abcdefgh", {
      inlineStyleRanges: [
        { offset: 0, length: 5, style: "BOLD" },
        { offset: 2, length: 6, style: "ITALIC" },
      ],
    })],
  });
  assert.equal(overlapping, "<p><b>ab</b><b><i>cde</i></b><i>fgh</i></p>");
});

Deno.test("blocks, headings, quotes, code and lists become their elements", () => {
  const html = contentStateHtml({
    blocks: [
      block("", {}),
      block("Title", { type: "header-one" }),
      block('Quote "here" & <there>', { type: "blockquote" }),
      block("x = 1", { type: "code-block" }),
      block("first", { type: "ordered-list-item" }),
      block("nested", { type: "ordered-list-item", depth: 1 }),
      block("second", { type: "ordered-list-item" }),
      block("bullet", { type: "unordered-list-item" }),
      block(""),
      block("end"),
      block(""),
    ],
  });
  assert.equal(
    html,
    [
      "<h1>Title</h1>",
      '<blockquote>Quote "here" &amp; &lt;there&gt;</blockquote>',
      "<pre><code>x = 1</code></pre>",
      "<ol><li>first<ol><li>nested</li></ol></li><li>second</li></ol>",
      "<ul><li>bullet</li></ul>",
      "<p><br></p>",
      "<p>end</p>",
    ].join("\n"),
  );
});

Deno.test("links, annotations, embeds, tables and images", () => {
  const html = contentStateHtml({
    blocks: [
      block("The name of Highlaws comes", {
        entityRanges: [{ offset: 12, length: 8, key: 0 }],
        inlineStyleRanges: [{ offset: 21, length: 5, style: "ANNOTATION-1" }],
      }),
      block(" ", { type: "atomic", entityRanges: [{ offset: 0, length: 1, key: 1 }] }),
      block(" ", { type: "atomic", entityRanges: [{ offset: 0, length: 1, key: 2 }] }),
      block(" ", { type: "atomic", entityRanges: [{ offset: 0, length: 1, key: 3 }] }),
    ],
    entityMap: {
      "0": { type: "LINK", data: { link: { href: "https://example.com/a?b=1&c=2" } } },
      "1": { type: "EMBED", data: { data: { html: '<iframe src="x"></iframe>' } } },
      "2": {
        type: "TABLE",
        data: {
          data: {
            numCols: 2,
            numRows: 2,
            withHeader: true,
            cells: [[{ blocks: [block("h1")] }, { blocks: [block("h2")] }], [
              { blocks: [block("a")] },
              { blocks: [block("b")] },
            ]],
          },
        },
      },
      "3": { type: "IMAGE", data: { src: "https://example.com/i.jpg", alt: "An image" } },
    },
  });
  assert.equal(
    html,
    [
      '<p>The name of <a href="https://example.com/a?b=1&amp;c=2">Highlaws</a> <span annotation-id="1">comes</span></p>',
      '<div class="embed-block"><iframe src="x"></iframe></div>',
      "<table><thead><tr><th><p>h1</p></th><th><p>h2</p></th></tr></thead><tbody><tr><td><p>a</p></td><td><p>b</p></td></tr></tbody></table>",
      '<img src="https://example.com/i.jpg" alt="An image">',
    ].join("\n"),
  );
});

Deno.test("text fields are the blocks' text, one per line", () => {
  assert.equal(contentStateText({ blocks: [block("Budget"), block("passes ")] }), "Budget\npasses");
  assert.equal(contentStateHtml({ blocks: [] }), "");
});
