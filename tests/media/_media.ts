/**
 * Helpers of the media tests: synthetic pictures made here with Jimp (no fixture files), and
 * multipart requests to an in-process app.
 */
import { crc32 } from "node:zlib";
import { concatBytes as concat } from "../../src/bytes.ts";
import { Jimp } from "jimp";
import { MongoClient } from "mongodb";
import type { TestApp } from "../_app.ts";
import { perEngineTest } from "../_engine_app.ts";

/**
 * A `width`×`height` picture of `mime`: stripes (so encoders have something to do), or a
 * `smooth` gradient that compresses as a photograph does.
 */
export async function picture(
  width: number,
  height: number,
  mime: "image/jpeg" | "image/png" = "image/jpeg",
  { smooth = false }: { smooth?: boolean } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const image = new Jimp({ width, height, color: 0xffffffff });
  const step = smooth ? 1 : 7;
  for (let x = 0; x < width; x += 1) {
    for (let y = 0; y < height; y += step) {
      const red = Math.round((x * 255) / width);
      const green = Math.round((y * 255) / height);
      image.setPixelColor(((red << 24) | (green << 16) | 0x80ff) >>> 0, x, y);
    }
  }
  const buffer = await image.getBuffer(mime);
  return new Uint8Array(buffer);
}

/** A form with `bytes` as its `media` file and `fields` beside it. */
export function mediaForm(
  bytes: Uint8Array<ArrayBuffer> | undefined,
  { filename = "picture.jpg", type = "image/jpeg", fields = {} }: {
    filename?: string;
    type?: string;
    fields?: Record<string, string>;
  } = {},
): FormData {
  const form = new FormData();
  if (bytes) form.append("media", new File([bytes], filename, { type }));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

/** POSTs `form` to `path` as `token`'s session. */
export async function postForm(
  app: TestApp,
  path: string,
  form: FormData,
  token?: string,
): Promise<Response> {
  const headers: Record<string, string> = token
    ? { Authorization: `Basic ${btoa(`${token}:`)}` }
    : {};
  return await app.app.request(path, { method: "POST", body: form, headers });
}

/** The path of an href (the server's origin and `/api` prefix are the test app's). */
export function pathOf(href: string): string {
  return new URL(href).pathname;
}

/** All bytes of `response`. */
export async function bytesOf(response: Response): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A PNG of a few dozen bytes that declares `width`×`height` pixels (a decompression bomb: its
 * one IDAT chunk holds no rows).
 */
export function declaredPng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6], 8); // 8 bits per channel, RGBA.
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", new Uint8Array([0x78, 0x9c, 0x03, 0, 0, 0, 0, 1])),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.byteLength);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.byteLength);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(chunk.subarray(4, 8 + data.byteLength)) >>> 0);
  return chunk;
}

/**
 * `jpeg` with an EXIF segment of bike.jpg's tags that exif-parser names as PIL does (Superdesk's
 * `we get "bike.jpg" metadata`): YCbCrPositioning 1, MeteringMode 2, ExifImageWidth 2448,
 * ExposureMode 0.
 */
export function withBikeExif(jpeg: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const tiff = new Uint8Array(80);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 0x2a, 0x00]); // "II*\0": little-endian TIFF.
  view.setUint32(4, 8, true);
  const ifd = (at: number, entries: [tag: number, type: 3 | 4, value: number][]) => {
    view.setUint16(at, entries.length, true);
    for (const [i, [tag, type, value]] of entries.entries()) {
      const entry = at + 2 + i * 12;
      view.setUint16(entry, tag, true);
      view.setUint16(entry + 2, type, true);
      view.setUint32(entry + 4, 1, true);
      if (type === 3) view.setUint16(entry + 8, value, true);
      else view.setUint32(entry + 8, value, true);
    }
  };
  ifd(8, [[0x0213, 3, 1], [0x8769, 4, 38]]); // YCbCrPositioning, the Exif IFD's offset.
  ifd(38, [[0x9207, 3, 2], [0xa002, 4, 2448], [0xa402, 3, 0]]);
  const header = new Uint8Array([0xff, 0xe1, 0, 88, 0x45, 0x78, 0x69, 0x66, 0, 0]); // APP1 Exif
  return concat([jpeg.subarray(0, 2), header, tiff, jpeg.subarray(2)]);
}

/**
 * What media storage holds of `app`: every file under DATA_DIR/media (temporary ones included)
 * embedded, or every GridFS files document and chunk on the engines.
 */
export async function storedPieces(app: TestApp): Promise<number> {
  const { mongoUri, mongoDbName, dataDir } = app.platform.config;
  if (!mongoUri) {
    let count = 0;
    const walk = async (dir: string): Promise<void> => {
      for await (const entry of Deno.readDir(dir)) {
        if (entry.isDirectory) await walk(`${dir}/${entry.name}`);
        else count++;
      }
    };
    await walk(`${dataDir}/media`).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    return count;
  }
  const client = new MongoClient(mongoUri);
  try {
    const db = client.db(mongoDbName);
    const counts = await Promise.all(
      ["fs.files", "fs.chunks"].map((name) => db.collection(name).countDocuments()),
    );
    return counts[0]! + counts[1]!;
  } finally {
    await client.close();
  }
}

/** Small media and body limits, so the limit tests send little. */
const LIMITS = { MEDIA_MAX_BYTES: "200000", MAX_BODY_BYTES: "65536" };

/** A test on each engine setup, on an app with small media and body limits (and `env`). */
export function engineTest(
  name: string,
  fn: (app: TestApp) => Promise<void>,
  { env = {} }: { env?: Record<string, string> } = {},
) {
  perEngineTest(name, fn, { env: { ...LIMITS, ...env } });
}
