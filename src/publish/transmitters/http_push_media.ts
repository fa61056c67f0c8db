/**
 * HTTP push of an item's binaries (Superdesk's `HTTPPushService._copy_published_media_files`):
 * for each one, `GET <assets_url>/<media id>` asks the destination whether it has it (200 yes,
 * 404 no, anything else fails the push); a missing one is uploaded with `POST <assets_url>` as
 * `multipart/form-data` (fields `media_id` and `media`, the file named after its id), signed like
 * the item when the destination has a `secret_token`. Expected answers are 200 and 201.
 *
 * The file is streamed from the media storage into the request (sent chunked), never held whole;
 * a signed upload reads it twice (once for the HMAC, which goes in a header before the body). The time limit
 * applies to each wait for the destination or the storage, not to the whole transfer, so a large
 * file is not cut off while it moves.
 */
import { createHmac } from "node:crypto";
import type { MediaFile, MediaStorage } from "../../media/media_storage.ts";
import type { PublishedMedia } from "./published_media.ts";
import { TransmitError } from "./transmitter.ts";

/** Where and how to send binaries. */
export interface AssetsTarget {
  /** `config.assets_url`, without credentials. */
  url: string;
  /** Authorization and configured headers, sent with every asset request. */
  headers: Record<string, string>;
  /** `config.secret_token`, when set. */
  secret?: string;
}

/** Sends each of `media` the destination does not have yet, one after the other. */
export async function pushMedia(
  media: Iterable<PublishedMedia>,
  target: AssetsTarget,
  options: { storage: MediaStorage; signal: AbortSignal; timeoutMs: number },
): Promise<void> {
  for (const entry of media) {
    if (await exists(entry.media, target, options)) continue;
    const file = await options.storage.get(entry.media);
    if (!file) {
      throw new TransmitError(`Error pushing media file ${entry.media}: not in the media storage`);
    }
    // The stored type, as Superdesk sends `media.content_type` (a rendition may name another).
    await upload(file, file.contentType || entry.mimetype, target, options);
  }
}

async function exists(
  id: string,
  target: AssetsTarget,
  { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number },
): Promise<boolean> {
  const segment = encodeURIComponent(id);
  // A dot segment would leave the assets path (`<assets_url>/..` is its parent).
  if (segment === "." || segment === "..") {
    throw new TransmitError(`Error pushing media file ${id}: not a media id`, { permanent: true });
  }
  const url = `${target.url}/${segment}`;
  const response = await send(url, {
    headers: target.headers,
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  });
  await response.body?.cancel();
  if (response.status === 200 || response.status === 404) return response.status === 200;
  throw failure(response.status, `Error querying the assets service ${target.url}`);
}

async function upload(
  file: MediaFile,
  mimetype: string,
  target: AssetsTarget,
  { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number },
): Promise<void> {
  const boundary = `superdesk-${crypto.randomUUID()}`;
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="media_id"\r\n\r\n${file._id}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file._id}"\r\n` +
      `Content-Type: ${mimetype.replace(/[\r\n]/g, "")}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const idle = idleTimeout(timeoutMs);
  const headers: Record<string, string> = {
    ...target.headers,
    "Content-Type": `multipart/form-data; boundary=${boundary}`,
  };
  try {
    if (target.secret) {
      const mac = createHmac("sha1", target.secret).update(head);
      for await (const chunk of file.body()) {
        idle.touch();
        mac.update(chunk);
      }
      headers["x-superdesk-signature"] = "sha1=" + mac.update(tail).digest("hex");
    }
    idle.touch();
    const response = await send(target.url, {
      method: "POST",
      headers,
      body: framed(head, file.body(), tail, idle.touch),
      signal: AbortSignal.any([signal, idle.signal]),
    });
    const text = await response.text().catch(() => "");
    if (response.status === 200 || response.status === 201) return;
    throw failure(
      response.status,
      `Error pushing media file ${file._id}: ${response.status} ${text.slice(0, 200)}`,
    );
  } finally {
    idle.clear();
  }
}

/** `fetch`, its network errors as retried transmit failures. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const reason = error instanceof DOMException && error.name === "TimeoutError"
      ? "timed out"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new TransmitError(`Error pushing media to ${url}: ${reason}`, { cause: error });
  }
}

/** A 4xx is permanent (as for the item), anything else is retried. */
function failure(status: number, message: string): TransmitError {
  return new TransmitError(message, { permanent: status >= 400 && status < 500 });
}

/** `head`, then `body` chunk by chunk (calling `progress` on each), then `tail`. */
function framed(
  head: Uint8Array,
  body: ReadableStream<Uint8Array>,
  tail: Uint8Array,
  progress: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(head);
        return;
      }
      const { done, value } = await reader.read();
      progress();
      if (!done) return controller.enqueue(value);
      controller.enqueue(tail);
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** An abort signal fired after `ms` without a `touch()`. */
function idleTimeout(ms: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new DOMException("timed out", "TimeoutError")),
      ms,
    );
  };
  return { signal: controller.signal, touch, clear: () => clearTimeout(timer) };
}
