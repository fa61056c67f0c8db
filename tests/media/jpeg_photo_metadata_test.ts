import assert from "node:assert/strict";
import { Jimp } from "jimp";
import { JpegMetadataError, writePhotoMetadata } from "../../src/media/jpeg_photo_metadata.ts";
import { readPhotoMetadata } from "./_photo_metadata_reader.ts";
import { metadataFromItem } from "../../src/media/photo_metadata.ts";
import { picture, withBikeExif } from "./_media.ts";

/** The IIM datasets of `jpeg`'s APP13 as `record:number` → texts. */
function iimOf(jpeg: Uint8Array): Record<string, string[]> {
  const text = new TextDecoder("latin1").decode(jpeg);
  const start = text.indexOf("8BIM\x04\x04");
  assert.ok(start > 0, "no IPTC resource");
  const size = new DataView(jpeg.buffer, jpeg.byteOffset + start + 8, 4).getUint32(0);
  const out: Record<string, string[]> = {};
  for (let at = start + 12; at < start + 12 + size;) {
    assert.equal(jpeg[at], 0x1c);
    const length = (jpeg[at + 3]! << 8) | jpeg[at + 4]!;
    const key = `${jpeg[at + 1]}:${jpeg[at + 2]}`;
    (out[key] ??= []).push(new TextDecoder().decode(jpeg.subarray(at + 5, at + 5 + length)));
    at += 5 + length;
  }
  return out;
}

Deno.test("photo metadata is written as XMP and IPTC, and the picture still decodes", async () => {
  const jpeg = withBikeExif(await picture(40, 30));
  const written = writePhotoMetadata(jpeg, {
    Title: "test publish",
    JobId: "1234",
    Creator: ["Ann <A&B>", "Bo"],
    Description: 'Čaj & "tea"',
  });
  assert.deepEqual(readPhotoMetadata(written), {
    Title: "test publish",
    JobId: "1234",
    Creator: ["Ann <A&B>", "Bo"],
    Description: 'Čaj & "tea"',
  });
  const iim = iimOf(written);
  assert.deepEqual(iim["2:5"], ["test publish"]);
  assert.deepEqual(iim["2:103"], ["1234"]);
  assert.deepEqual(iim["2:80"], ["Ann <A&B>", "Bo"]);
  assert.deepEqual(iim["2:120"], ['Čaj & "tea"']);
  assert.deepEqual(iim["1:90"], ["\x1b%G"], "declared UTF-8");
  const image = await Jimp.read(Buffer.from(written));
  assert.deepEqual([image.width, image.height], [40, 30]);
  // The EXIF segment is kept, first.
  assert.equal(new TextDecoder("latin1").decode(written.subarray(6, 10)), "Exif");

  // Written again: one packet, one IPTC block, the values it does not set kept in IIM.
  const again = writePhotoMetadata(written, { Title: "second" });
  assert.deepEqual(readPhotoMetadata(again), { Title: "second" });
  const text = new TextDecoder("latin1").decode(again);
  assert.equal(text.split("http://ns.adobe.com/xap/1.0/\0").length, 2);
  assert.equal(text.split("Photoshop 3.0\0").length, 2);
  const iim2 = iimOf(again);
  assert.deepEqual([iim2["2:5"], iim2["2:103"]], [["second"], ["1234"]]);

  // Written again with what it holds: the very same bytes back, found without comparing the
  // image data (a republished 64 MiB picture once took the event loop ~1 s to compare whole).
  assert.equal(writePhotoMetadata(again, { Title: "second" }), again);
});

Deno.test("a file that is not a JPEG, or is broken, cannot take metadata", async () => {
  const jpeg = await picture(20, 20);
  for (
    const bytes of [new Uint8Array([1, 2, 3]), jpeg.slice(0, 30), new Uint8Array([0xff, 0xd8])]
  ) {
    assert.throws(() => writePhotoMetadata(bytes, { Title: "x" }), JpegMetadataError);
  }
  assert.throws(
    () => writePhotoMetadata(jpeg, { Description: "x".repeat(40_000) }),
    JpegMetadataError,
  );
});

Deno.test("an item's fields are mapped as PICTURE_METADATA_MAPPING says", () => {
  const item = { slugline: "test publish", byline: "", extra: { transref: 1234 }, keywords: ["a"] };
  assert.deepEqual(
    metadataFromItem(item, {
      slugline: "Title",
      "extra.transref": "JobId",
      byline: "Creator",
      "extra.none": "City",
      keywords: "Headline",
    }),
    { Title: "test publish", JobId: "1234", Headline: "a" },
  );
});
