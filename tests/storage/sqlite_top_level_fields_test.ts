/**
 * `withTopLevelFields` splices top-level values into JSON text as a spread of the parsed object
 * would set them: checked against `JSON.parse` on hand-picked and generated documents, and on
 * generated stored texts (`JSON.stringify`'s) against the exact text, which a key appended twice
 * (a parse keeps only its last value) or misplaced would not match.
 */
import assert from "node:assert/strict";
import { withTopLevelFields } from "../../src/storage/sqlite/top_level_fields.ts";

/** The spread `withTopLevelFields` must mean, and its key order (integer-like keys aside). */
function expected(text: string, fields: Array<[string, unknown]>) {
  return { ...JSON.parse(text), ...Object.fromEntries(fields) };
}

function check(text: string, fields: Array<[string, unknown]>) {
  const spliced = withTopLevelFields(
    text,
    fields.map(([key, value]) => [key, JSON.stringify(value)] as const),
  );
  assert.ok(spliced !== undefined, text);
  const want = expected(text, fields);
  assert.deepEqual(JSON.parse(spliced), want, `${text} ${JSON.stringify(fields)}`);
  assert.deepEqual(Object.keys(JSON.parse(spliced)), Object.keys(want));
  return spliced;
}

Deno.test("top-level fields: replaced in place, appended when new, nested values skipped whole", () => {
  const text =
    '{"a":1,"s":"x\\"}{[,","o":{"k":"}","l":[1,{"m":"]"}]},"n":null,"t":true,"e":-1.5e+3}';
  assert.equal(
    check(text, [["o", { k: 2 }], ["new", "v"], ["a", [1]]]),
    '{"a":[1],"s":"x\\"}{[,","o":{"k":2},"n":null,"t":true,"e":-1.5e+3,"new":"v"}',
  );
  check(text, [["s", "a\\b"], ["e", null], ["t", false]]);
  assert.equal(check("{}", [["a", 1], ["b", 2]]), '{"a":1,"b":2}');
  assert.equal(check("{}", []), "{}");
  check(' { "a" : [ 1 , 2 ] , "b" : "c\\\\" } ', [["b", 1], ["a", { x: " " }]]);
  // An escaped key is compared as decoded; a repeated key's last value is the one replaced.
  check('{"\\u0061":1,"b\\"":2}', [["a", 3], ['b"', 4]]);
  check('{"a":1,"a":2}', [["a", 3]]);
});

Deno.test("top-level fields: text that is not one JSON object is left to the caller", () => {
  for (const text of ["[]", '"a"', "", '{"a":1', '{"a" 1}', '{"a":1}x', '{"a":"x}', "{a:1}"]) {
    assert.equal(withTopLevelFields(text, [["a", "2"]]), undefined, text);
  }
});

Deno.test("top-level fields: generated documents", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const strings = ["", 'q"', "b\\", "}", "]", "{[", "é☃", "\u0001", '\\"}'];
  const value = (depth: number): unknown => {
    const pick = Math.floor(random() * (depth > 2 ? 5 : 7));
    if (pick === 0) return strings[Math.floor(random() * strings.length)];
    if (pick === 1) return Math.floor(random() * 2000) - 1000;
    if (pick === 2) return random() < 0.5;
    if (pick === 3) return null;
    if (pick === 4) return random() * 1e6;
    if (pick === 5) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}`, value(depth + 1)]),
    );
  };
  const keys = ["a", "b", "c", "d", "e", "f}", 'g"'];
  for (let round = 0; round < 300; round++) {
    const doc = Object.fromEntries(keys.filter(() => random() < 0.6).map((k) => [k, value(0)]));
    const fields = keys.filter(() => random() < 0.4).map((k) => [k, value(0)] as [string, unknown]);
    check(JSON.stringify(doc), fields);
  }
});

Deno.test("top-level fields: generated stored texts get exactly the text of the spread, no key twice", () => {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Keys JSON.stringify escapes (a quote, a backslash, control characters, a lone surrogate),
  // integer-like ones (a parsed object lists them first) and plain ones.
  const keys = ['q"', "b\\", "\u0001k", "t\tab", "\ud800", "0", "7", "10", "-1", "01", "a", "é☃"];
  const strings = ["", '"', "\\", '\\"', "}", "]", ",", ":", "\u0001", "\u2028", '{"a":1}'];
  const value = (depth: number): unknown => {
    const kind = Math.floor(random() * (depth > 2 ? 4 : 6));
    if (kind === 0) return pick(strings) + pick(strings);
    if (kind === 1) return pick([0, -1.5, 1e21, 7]);
    if (kind === 2) return pick([true, false, null]);
    if (kind === 3) return pick(keys);
    if (kind === 4) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 3) }, () => [pick(keys), value(depth + 1)]),
    );
  };
  for (let round = 0; round < 500; round++) {
    const doc: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.4) doc[key] = value(0);
    const set: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.3) set[key] = value(0);
    const text = JSON.stringify(doc);
    // Existing keys keep their place (the stored text's order), new ones follow in `set`'s order.
    const entries = Object.keys(doc).map((key) => [key, key in set ? set[key] : doc[key]]);
    for (const key of Object.keys(set)) if (!(key in doc)) entries.push([key, set[key]]);
    const want = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)}}`;
    const fields = Object.entries(set).map(([key, v]) => [key, JSON.stringify(v)] as const);
    assert.equal(withTopLevelFields(text, fields), want, `${text} ${JSON.stringify(set)}`);
  }
});
