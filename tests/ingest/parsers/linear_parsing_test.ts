import assert from "node:assert/strict";
import { withoutActiveContent } from "../../../src/ingest/parsers/active_content.ts";
import { cleanHeader, SECOND_LINE } from "../../../src/ingest/parsers/anpa_parser.ts";
import { dpaIptc7901Parser } from "../../../src/ingest/parsers/dpa_iptc7901_parser.ts";
import { ritzauParser } from "../../../src/ingest/parsers/ritzau_parser.ts";
import { parseQueryString, RANGE_TO } from "../../../src/search/sqlite/query_string.ts";
import { random } from "../../text/_html_inputs.ts";
import { assertLinearGrowth, type Measured } from "../../_linear_growth.ts";

// REFERENCE: the regular expressions these replaced (quadratic on crafted input); the linear
// code must give exactly what they gave.

function withoutActiveContentReference(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<(script|style|iframe|object|embed|head)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<(script|style|iframe|object|embed|meta|link)\b[^>]*>/gi, "")
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
    .replace(/(href|src)\s*=\s*(["']?)\s*javascript:[^"'>\s]*\2/gi, "$1=$2#$2")
    .trim();
}

const cleanHeaderReference = (line: string) => line.replace(/^[\^<= ]+|[\^<= \r]+$/g, "");
const SECOND_LINE_REFERENCE =
  // deno-lint-ignore no-control-regex
  /^([a-z]) ([a-z])(\x13|\x14)(\x11|\x12) (am-|pm-|bc-|ap-)([a-z0-9.-]+)(.*) (\d{1,2})-(\d{1,2}) (\d{0,4})/i;
const RANGE_TO_REFERENCE = /\s+TO\s+/;

function generated(seed: number, pieces: string[], count = 4000): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let text = "";
    for (let i = 1 + Math.floor(next() * 30); i > 0; i--) {
      text += pieces[Math.floor(next() * pieces.length)];
    }
    return text;
  });
}

const HTML_PIECES = [
  "<body",
  "<BODY class=x>",
  ">",
  "</body>",
  "</Body>",
  "<script>",
  "<script",
  "</script >",
  "<Style>",
  "</style>",
  "<head>",
  "<header>",
  "</head>",
  "<iframe/>",
  "</iframe>",
  "<meta",
  "<link rel=x>",
  "<embed>",
  " onclick=",
  " onLoad =",
  " on=",
  "'",
  '"',
  "href=",
  "src = ",
  "HREF",
  "javascript:",
  "JavaScript:x()",
  "=",
  " ",
  "\n",
  "\t",
  "x",
  "<p>",
];

/** The small size of each input; the large is 16 times that, the 40,000 the defects were seen at. */
const N = 2_500;

/** Each input grows linearly in `f`'s CPU time from N to 16·N (see tests/_linear_growth.ts). */
async function assertLinear(name: string, f: Measured, inputs: Array<(size: number) => string>) {
  for (const make of inputs) await assertLinearGrowth(name, f, { make, n: N });
}

/** `head`, `unit` repeated to about `size` characters, `tail`. */
const runOf = (unit: string, { head = "", tail = "" } = {}) => (size: number) =>
  head + unit.repeat(Math.ceil(size / unit.length)) + tail;

Deno.test("an e-mail's HTML loses what the regular expressions removed", () => {
  const outputs = new Set<string>();
  for (const html of generated(41, HTML_PIECES)) {
    const cleaned = withoutActiveContent(html);
    assert.equal(cleaned, withoutActiveContentReference(html), JSON.stringify(html));
    outputs.add(cleaned);
  }
  assert.ok(outputs.size > 3000);
});

Deno.test("an e-mail's HTML is cleaned in linear time", async () => {
  await assertLinear("withoutActiveContent", withoutActiveContent, [
    runOf("<body"),
    runOf("<body>"),
    runOf("<script"),
    runOf("<head>x"),
    runOf("<meta", { tail: ">" }),
    runOf(" ", { head: "href=" }),
    runOf(" ", { head: "x href" }),
  ]);
});

Deno.test("ANPA header lines and second lines read as the regular expressions read them", () => {
  const lines = generated(42, ["^", "<", "=", " ", "\r", "x", "a b", "^^", "<="]);
  for (const line of lines) assert.equal(cleanHeader(line), cleanHeaderReference(line), line);
  const second = generated(43, [
    "a b\x13\x11 am-",
    "z u\x14\x12 bc-",
    "slug",
    "-",
    ".",
    " ",
    "1",
    "12",
    "-",
    "3-4 ",
    " 10-12 ",
    "0123",
    "x",
    "\r",
  ]);
  let matched = 0;
  for (const line of second) {
    const found = SECOND_LINE.exec(line);
    assert.deepEqual(
      found && [...found],
      SECOND_LINE_REFERENCE.exec(line) && [
        ...SECOND_LINE_REFERENCE.exec(line)!,
      ],
      JSON.stringify(line),
    );
    if (found) matched++;
  }
  assert.ok(matched > 50, `matched ${matched}`);
});

Deno.test("ANPA header and second lines are read in linear time", async () => {
  await assertLinear("cleanHeader", cleanHeader, [runOf(" ", { head: "x", tail: "y" })]);
  await assertLinear("SECOND_LINE", (line) => SECOND_LINE.exec(line), [
    runOf("a", { head: "a b\x13\x11 am-" }),
  ]);
});

Deno.test("a query's range bounds split where `/\\s+TO\\s+/` split them", () => {
  for (const inner of generated(44, ["a", "TO", " ", "  ", "\t", "\n", "TOO", "*", '"x y"'])) {
    assert.deepEqual(inner.split(RANGE_TO), inner.split(RANGE_TO_REFERENCE), JSON.stringify(inner));
  }
  const range = { kind: "range", field: "f", range: { gte: "a", lte: "b" } };
  assert.deepEqual(parseQueryString("f:[a \t TO\n b]"), {
    kind: "bool",
    must: [],
    should: [range],
    mustNot: [],
  });
});

Deno.test("a range with a long run of white space is parsed in linear time", async () => {
  const parse = (q: string) => {
    try {
      return parseQueryString(q);
    } catch {
      return undefined; // "a range needs [from TO to]"
    }
  };
  await assertLinear("range", parse, [runOf(" ", { head: "f:[a", tail: "b]" })]);
});

Deno.test("a dpa story opening with a long run of white space is read in linear time", async () => {
  const story = (line: string) =>
    new TextEncoder().encode(`\x01eca0001 4 i 46  dpa 0027\r\n\x02Head =\r\n\n${line}\r\n\x03`);
  const parse = (line: string) => dpaIptc7901Parser.parse(story(line), {});
  await assertLinear("dpa dateline", parse, [runOf(" ", { tail: "x" }), runOf(" (dpa) -")]);
});

Deno.test("a Ritzau editor's note of unclosed tags is read in linear time", async () => {
  const note = (html: string) =>
    ritzauParser.parse(
      new TextEncoder().encode(
        `<RBNews><NewsID>n</NewsID><TilRedaktionen>${
          html.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
        }</TilRedaktionen></RBNews>`,
      ),
      {},
    );
  await assertLinear("ritzau ednote", note, [
    runOf("<br"),
    runOf("<"),
    runOf("<x", { tail: ">" }),
  ]);
});
