/** The type of an uploaded file: its first bytes, else the client's type when it is one. */
import assert from "node:assert/strict";
import { sniffType } from "../../src/media/sniff_type.ts";

const text = new TextEncoder().encode("hello");

Deno.test("sniffType: the bytes' type wins over the declared one", () => {
  assert.equal(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "text/plain"), "image/jpeg");
});

Deno.test("sniffType: unknown bytes keep the declared type, lower-cased, without parameters", () => {
  assert.equal(sniffType(text, "Text/Plain; charset=utf-8"), "text/plain");
  assert.equal(
    sniffType(text, "application/vnd.oasis.opendocument.text"),
    "application/vnd.oasis.opendocument.text",
  );
  assert.equal(sniffType(text), "application/octet-stream");
});

Deno.test("sniffType: a declared type that cannot be a Content-Type is octet-stream", () => {
  // S3 refused such a type at the upload (a 503); files and GridFS served it mangled.
  for (const declared of ["\u0101/x", "a/b\u0001c", "text", "a b/c", "/x", "a/"]) {
    assert.equal(sniffType(text, declared), "application/octet-stream", declared);
  }
});
