/**
 * picturePixels: the pixels a decoder would allocate, read from the headers of pictures Jimp
 * writes in each format it decodes, and of files that only declare a size (decompression bombs).
 */
import assert from "node:assert/strict";
import { Jimp } from "jimp";
import { picturePixels } from "../../src/media/picture_pixels.ts";
import { declaredPng } from "./_media.ts";

const FORMATS = ["image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff"] as const;

Deno.test("picturePixels reads width × height from each format Jimp writes", async () => {
  const image = new Jimp({ width: 37, height: 23, color: 0x336699ff });
  for (const mime of FORMATS) {
    const bytes = new Uint8Array(await image.getBuffer(mime));
    assert.equal(picturePixels(bytes, mime), 37 * 23, mime);
  }
});

Deno.test("picturePixels reads the size a tiny file declares", () => {
  const bomb = declaredPng(50000, 50000);
  assert.ok(bomb.byteLength < 100);
  assert.equal(picturePixels(bomb, "image/png"), 50000 * 50000);
});

Deno.test("picturePixels answers undefined for headers cut short", async () => {
  const image = new Jimp({ width: 10, height: 10, color: 0xffffffff });
  for (const mime of FORMATS) {
    const bytes = new Uint8Array(await image.getBuffer(mime));
    assert.equal(picturePixels(bytes.subarray(0, 4), mime), undefined, mime);
  }
});
