/**
 * Helpers of the media tests: synthetic pictures made here with Jimp (no fixture files), and
 * multipart requests to an in-process app.
 */
import { Jimp } from "jimp";
import type { TestApp } from "../_app.ts";

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
