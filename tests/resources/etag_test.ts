import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { computeEtag, normalizeEtag } from "../../src/resources/etag.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

Deno.test("an etag is SHA-1 of the canonical JSON: sorted keys, ISO dates, _etag and ignored fields left out", () => {
  const doc = {
    b: 1,
    a: [1, "x", { z: null, y: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) }, [], {}],
    _etag: "previous",
    c: { 'é\n"': undefined, d: true, n: NaN },
    s: "\u2028\ud83d\ude00",
    ignored: 5,
  };
  const canonical = '{"a":[1,"x",{"y":"2026-01-02T03:04:05.006Z","z":null},[],{}],"b":1,' +
    '"c":{"d":true,"n":null,"é\\n\\"":null},"s":"\u2028\ud83d\ude00"}';
  assert.equal(computeEtag(doc, ["ignored"]), sha1(canonical));
  assert.equal(
    computeEtag(doc),
    sha1(canonical.replace(',"s":', ',"ignored":5,"s":')),
  );
  // Nested keys named like an ignored top-level field still count.
  assert.notEqual(computeEtag({ x: { ignored: 1 } }, ["ignored"]), computeEtag({ x: {} }));
});

Deno.test("keys that start with a digit and __proto__ keys sort as text too", () => {
  const doc = JSON.parse('{"x":{"9":1,"10":2,"b":3},"__proto__":{"a":1},"_etag":"e"}');
  assert.equal(computeEtag(doc), sha1('{"__proto__":{"a":1},"x":{"10":2,"9":1,"b":3}}'));
});

Deno.test("an If-Match or If-None-Match value is read without its quotes and weak prefix", () => {
  assert.equal(normalizeEtag('"abc"'), "abc");
  assert.equal(normalizeEtag(' W/"abc" '), "abc");
  assert.equal(normalizeEtag("abc"), "abc");
  assert.equal(normalizeEtag('""'), "");
  assert.equal(normalizeEtag('"'), '"');
});
