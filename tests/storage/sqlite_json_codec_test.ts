import assert from "node:assert/strict";
import { decodeJson, encodeJson } from "../../src/storage/sqlite/json_codec.ts";

const MARK = "\\udbff\\udfff";
const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
const iso = "2026-01-02T03:04:05.006Z";

Deno.test("sqlite json codec: dates anywhere become marked ASCII text; what holds none is untouched", () => {
  const doc = { a: at, list: [1, at, { b: [at] }], plain: { x: "y" }, n: null };
  assert.equal(
    encodeJson(doc),
    `{"a":"${MARK}${iso}","list":[1,"${MARK}${iso}",{"b":["${MARK}${iso}"]}],` +
      `"plain":{"x":"y"},"n":null}`,
  );
  assert.equal(encodeJson(at), `"${MARK}${iso}"`);
  assert.equal(encodeJson({ a: 1, b: [undefined, "x"], c: undefined }), '{"a":1,"b":[null,"x"]}');
  // The caller's value is not changed.
  assert.ok(doc.list[1] instanceof Date);
  assert.deepEqual(decodeJson(encodeJson(doc)), doc);
});

Deno.test("sqlite json codec: strings holding the encoder's stand-in or U+10FFFF stay strings", () => {
  // The encoder marks dates with U+0001 while it serialises (a string or key may start with it).
  const doc = { s: "\u00012026", "\u0001k": 'a"\u0001', t: "x\u{10FFFF}y", when: at };
  const text = encodeJson(doc);
  assert.equal(
    text,
    `{"s":"\\u00012026","\\u0001k":"a\\"\\u0001","t":"x${MARK}y","when":"${MARK}${iso}"}`,
  );
  assert.deepEqual(decodeJson(text), doc);
  // Lone surrogates (the stand-in of an earlier encoding) are plain text too.
  const lone = { s: "\udfff\udbff2026", when: at };
  assert.equal(encodeJson(lone), `{"s":"\\udfff\\udbff2026","when":"${MARK}${iso}"}`);
  assert.deepEqual(decodeJson(encodeJson(lone)), lone);
  assert.throws(() => encodeJson({ s: "\u{10FFFF}x" }), /U\+10FFFF/);
  assert.throws(() => encodeJson({ deep: [{ s: "\u{10FFFF}x" }], when: at }), /U\+10FFFF/);
});

Deno.test("sqlite json codec: objects with toJSON or their own prototype encode as JSON.stringify sees them", () => {
  class Box {
    at = at;
  }
  assert.equal(encodeJson({ box: new Box() }), `{"box":{"at":"${MARK}${iso}"}}`);
  assert.equal(encodeJson({ t: { toJSON: () => "q" }, at }), `{"t":"q","at":"${MARK}${iso}"}`);
  const bare = Object.assign(Object.create(null), { at });
  assert.equal(encodeJson(bare), `{"at":"${MARK}${iso}"}`);
});

Deno.test("sqlite json codec: an invalid date is stored as null, as JSON.stringify writes it", () => {
  const text = encodeJson({ at: new Date(NaN), list: [new Date(NaN)], ok: new Date(0) });
  assert.deepEqual(decodeJson(text), { at: null, list: [null], ok: new Date(0) });
});
