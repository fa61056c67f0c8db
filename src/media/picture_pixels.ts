/**
 * How many pixels decoding a picture would allocate, read from its headers before any decoder
 * sees it: a file of a few bytes may declare 50000×50000 pixels (a decompression bomb), and the
 * decoders allocate the whole bitmap first (10 GB). Superdesk's PIL refuses such files
 * (`Image.MAX_IMAGE_PIXELS`); the limit here is PIL's.
 */

/** PIL's `Image.MAX_IMAGE_PIXELS` (1 GiB of 24-bit pixels / 4): pictures above it are refused. */
export const MAX_PICTURE_PIXELS = Math.floor(1024 * 1024 * 1024 / 4 / 3);

/** TIFF pages walked at most (each is decoded: their pixels add up). */
const MAX_TIFF_PAGES = 1000;

/**
 * The pixels the decoder of `mimetype` would allocate for `bytes`; undefined when its headers
 * do not say (the decoder could not read it either).
 */
export function picturePixels(bytes: Uint8Array, mimetype: string): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (mimetype) {
      case "image/png": // IHDR, the first chunk.
        return view.getUint32(16) * view.getUint32(20);
      case "image/gif": // The logical screen, which frames are drawn into.
        return view.getUint16(6, true) * view.getUint16(8, true);
      case "image/bmp": // BITMAPINFOHEADER; a negative height is a top-down bitmap.
        return Math.abs(view.getInt32(18, true)) * Math.abs(view.getInt32(22, true));
      case "image/jpeg":
        return jpegPixels(view);
      case "image/tiff":
        return tiffPixels(view);
    }
  } catch (error) {
    if (error instanceof RangeError) return undefined; // Headers cut short.
    throw error;
  }
  return undefined;
}

/** The frame header (SOFn) of a JPEG, found by walking its marker segments. */
function jpegPixels(view: DataView): number | undefined {
  let at = 2;
  for (;;) {
    if (view.getUint8(at) !== 0xff) return undefined;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // Fill byte.
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return view.getUint16(at + 5) * view.getUint16(at + 7);
    if (marker === 0xd9 || marker === 0xda) return undefined; // End or scan before a frame.
    at += 2 + (marker >= 0xd0 && marker <= 0xd8 ? 0 : view.getUint16(at + 2));
  }
}

/** The sum over a TIFF's pages (the decoder decodes each) of width × height. */
function tiffPixels(view: DataView): number | undefined {
  const little = view.getUint16(0) === 0x4949;
  let ifd = view.getUint32(4, little);
  let pixels = 0;
  for (let page = 0; ifd !== 0; page++) {
    if (page === MAX_TIFF_PAGES) return Infinity;
    const entries = view.getUint16(ifd, little);
    let width: number | undefined;
    let height: number | undefined;
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = view.getUint16(entry, little);
      if (tag !== 256 && tag !== 257) continue;
      const short = view.getUint16(entry + 2, little) === 3;
      const value = short ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little);
      if (tag === 256) width = value;
      else height = value;
    }
    if (width === undefined || height === undefined) return undefined;
    pixels += width * height;
    ifd = view.getUint32(ifd + 2 + entries * 12, little);
  }
  return pixels;
}
