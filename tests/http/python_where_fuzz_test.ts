/**
 * Eve's Python `where` read from hostile text (`src/http/resources/python_where.ts` through
 * `parseWhere`): any text is a filter that passed the operator allow-list or a 400, never another
 * error (a stack overflow, a TypeError), and no text takes more than linear time.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { parseWhere } from "../../src/http/resources/parse_list_query.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

/** Pieces random `where` text is made of: tokens, near-tokens and what no token starts with. */
const PIECES = [
  "(",
  ")",
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "=",
  "!",
  " and ",
  " or ",
  " not ",
  " in ",
  "a",
  "task.desk",
  "$where",
  "$ne",
  "a.$b",
  "a..b",
  ".a",
  "__proto__",
  "constructor",
  "True",
  "False",
  "None",
  "'x'",
  '"y"',
  "'",
  '"',
  "\\",
  "'\\''",
  "1",
  "-1",
  "1.5",
  "1e999",
  "-0",
  "0x1",
  "ObjectId('5')",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "\u0000",
  "\n",
  " ",
  "é",
  "😀",
  "'\u0000'",
];

/** A seeded generator, so a failure names text that can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

function parse(text: string): { filter?: unknown; refused?: string } {
  try {
    return { filter: parseWhere(text, { maxWhereTerms: 1000 }) };
  } catch (error) {
    if (error instanceof BadRequestError) return { refused: error.message };
    throw new Error(`${JSON.stringify(text)} threw ${error}`);
  }
}

/** Every key of a filter: a field with no `$` segment, or an allow-listed operator. */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, out));
  else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      out.push(key);
      keysOf(inner, out);
    }
  }
  return out;
}

Deno.test("Python where fuzz: random text is a checked filter or a 400, nothing else", () => {
  const next = random(20261206);
  const allowed = new Set(["$and", "$or", "$ne", "$lt", "$lte", "$gt", "$gte"]);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const fields = ["a", "task.desk", "_id", "__proto__", "a..b", "$where", "a.$b", "True"];
  const values = ["1", "-1.5", "1e999", "'x'", '"$ne"', "True", "None", "'\\'", "x", "'"];
  const ops = ["==", "!=", "<", "<=", ">", ">=", "="];
  // Expressions as the grammar makes them, with random pieces inserted into some.
  const expression = (depth: number): string => {
    const terms = Array.from(
      { length: 1 + Math.floor(next() * 3) },
      () =>
        depth < 14 && next() < 0.3
          ? `(${expression(depth + 1)})`
          : `${pick(fields)}${pick(ops)}${pick(values)}`,
    );
    return terms.map((term, i) => (i ? pick([" and ", " or ", "and", " "]) : "") + term).join("");
  };
  let accepted = 0;
  for (let run = 0; run < 20_000; run++) {
    let text = expression(0);
    while (next() < 0.3) {
      const at = Math.floor(next() * (text.length + 1));
      text = text.slice(0, at) + pick(PIECES) + text.slice(at);
    }
    const { filter } = parse(text);
    if (filter === undefined) continue;
    accepted++;
    for (const key of keysOf(filter)) {
      if (key.startsWith("$")) assert.ok(allowed.has(key), `${JSON.stringify(text)}: ${key}`);
      else {
        assert.match(key, /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_0-9]+)*$/, JSON.stringify(text));
      }
    }
  }
  assert.ok(accepted > 1_000, `some random text is a filter (${accepted})`);
});

Deno.test("Python where fuzz: field names no store may be given are refused", () => {
  for (const text of [`a..b==1`, `a.==1`, `a.$b==1`, `$where=="1"`, `a==1 and .b==2`]) {
    assert.ok(parse(text).refused, text);
  }
  // Values are literals only: an operator-looking string is a string.
  assert.deepEqual(parse(`a=="$ne"`).filter, { a: "$ne" });
  assert.deepEqual(parse(`__proto__=="x"`).filter, JSON.parse(`{"__proto__":"x"}`));
});

Deno.test("Python where: hostile text is parsed in linear time", async () => {
  // From 25,000 to 400,000 characters (tests/_linear_growth.ts); quadratic at 400,000: minutes.
  const hostile: Array<(n: number) => string> = [
    (n) => `a=="${"x".repeat(n)}`, // a string never closed
    (n) => `a==${"1".repeat(n)}x`, // a long number then junk
    (n) => `a==1${" ".repeat(n)}@`, // spaces then junk
    (n) => `${"(".repeat(31)}${"a==1 and ".repeat(n / 9)}`, // deep and long, never closed
    (n) => `${"a==1 or ".repeat(n / 8)}b==2`, // a long disjunction
    (n) => `a==${"'\\'".repeat(n / 3)}`, // escapes, unterminated
    (n) => `${"(a==1) and ".repeat(n / 11)}(`, // many groups, the last never closed
  ];
  for (const [i, make] of hostile.entries()) {
    await assertLinearGrowth(`case ${i}`, parse, { make, n: 25_000 });
  }
});
