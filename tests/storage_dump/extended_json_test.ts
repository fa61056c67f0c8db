/**
 * Superdesk's extended JSON (`bson.json_util`) read into our store's types and written back the
 * way `json_util.dumps` writes it; bzip2 both ways, a corrupt stream refused.
 */
import assert from "node:assert/strict";
import { compressBzip2, decompressBzip2 } from "../../src/storage_dump/bzip2.ts";
import { DumpFormatError } from "../../src/storage_dump/dump_format_error.ts";
import { parseExtendedJson, toExtendedJson } from "../../src/storage_dump/extended_json.ts";

Deno.test("extended JSON: ObjectIds become hex strings, $date a Date, numbers numbers", () => {
  const text = '{"_id": {"$oid": "655494d8dfb36babb9663383"}, "at": {"$date": 1700041944000}, ' +
    '"iso": {"$date": "2024-01-02T03:04:05Z"}, "canonical": {"$date": {"$numberLong": "5"}}, ' +
    '"long": {"$numberLong": "12"}, "dec": {"$numberDecimal": "1.5"}, ' +
    '"refs": [{"user": {"$oid": "655494d8dfb36babb9663384"}}], "name": "caf\\u00e9"}';
  assert.deepEqual(parseExtendedJson(text, "x.json"), {
    _id: "655494d8dfb36babb9663383",
    at: new Date(1700041944000),
    iso: new Date("2024-01-02T03:04:05Z"),
    canonical: new Date(5),
    long: 12,
    dec: 1.5,
    refs: [{ user: "655494d8dfb36babb9663384" }],
    name: "café",
  });
});

Deno.test("extended JSON: a BSON type our documents cannot hold is refused with its path", () => {
  const text = '[{"_id": "a", "blob": {"$binary": {"base64": "AA==", "subType": "00"}}}]';
  assert.throws(
    () => parseExtendedJson(text, "x.json"),
    (error: unknown) =>
      error instanceof DumpFormatError &&
      /Binary at "0\.blob" is not supported/.test(error.message),
  );
  const event = '{"events": [{"clusterTime": {"$timestamp": {"t": 1, "i": 2}}}]}';
  assert.deepEqual(parseExtendedJson(event, "r.json", { unused: /clusterTime$/ }), {
    events: [{ clusterTime: null }],
  });
  assert.throws(() => parseExtendedJson("{not json", "x.json"), DumpFormatError);
});

Deno.test("extended JSON: written as json_util.dumps writes it, and read back equal", () => {
  const doc = {
    _id: "655494d8dfb36babb9663383",
    guid: "urn:x",
    at: new Date(1700041944000),
    list: [1, "two", null, { n: true }],
    name: "café",
  };
  const text = toExtendedJson([doc, { _id: "urn:not-hex" }]);
  assert.equal(
    text,
    '[{"_id": {"$oid": "655494d8dfb36babb9663383"}, "guid": "urn:x", ' +
      '"at": {"$date": 1700041944000}, "list": [1, "two", null, {"n": true}], ' +
      '"name": "caf\\u00e9"}, {"_id": "urn:not-hex"}]',
  );
  assert.deepEqual(parseExtendedJson(text, "x.json"), [doc, { _id: "urn:not-hex" }]);
});

Deno.test("bzip2: a round trip gives the bytes back; a corrupt or foreign stream is refused", () => {
  const data = new TextEncoder().encode(JSON.stringify({ text: "héllo ".repeat(5000) }));
  const compressed = compressBzip2(data);
  assert.ok(compressed.length < data.length / 10);
  assert.deepEqual(decompressBzip2(compressed, "x.bz2"), data);
  const corrupt = compressed.slice();
  corrupt[Math.floor(corrupt.length / 2)]! ^= 0xff;
  assert.throws(() => decompressBzip2(corrupt, "x.bz2"), DumpFormatError);
  assert.throws(() => decompressBzip2(compressed.slice(0, 20), "x.bz2"), DumpFormatError);
  assert.throws(
    () => decompressBzip2(data, "x.bz2"),
    (error: unknown) => error instanceof DumpFormatError && /"x\.bz2".*bzip2/.test(error.message),
  );
});
