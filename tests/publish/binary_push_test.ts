/**
 * Binaries sent with an item (Superdesk's `_copy_published_media_files`): HTTP push asks the
 * destination's `assets_url` for each rendition of the item and of its associations, uploads
 * the ones it lacks (multipart, signed) before the item, and a failure there fails the delivery
 * with the reason, the item unsent; FTP with `push_associated` stores the original and crops
 * beside the item (or in `associated_path`), once.
 */
import assert from "node:assert/strict";
import { createFileMediaStorage } from "../../src/media/file_media_storage.ts";
import type { MediaStorage } from "../../src/media/media_storage.ts";
import { ftpTransmitter } from "../../src/publish/transmitters/ftp_transmitter.ts";
import {
  httpPushTransmitter,
  signature,
} from "../../src/publish/transmitters/http_push_transmitter.ts";
import { type Delivery, TransmitError } from "../../src/publish/transmitters/transmitter.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { ftpConfig, ftpFiles, ftpRemoveDir, startHttpReceiver } from "./_receivers.ts";

const signal = new AbortController().signal;

/** A stored binary of `size` ASCII bytes (so the receiver's text is the bytes). */
async function stored(media: MediaStorage, size: number, contentType = "image/jpeg") {
  const bytes = new Uint8Array(size).map((_, i) => 97 + (i % 26));
  return (await media.put(bytes, { contentType, filename: "x.jpg" }))._id;
}

/** A picture item's NINJS: `own` on the item, `embedded` on an association's renditions. */
function ninjs(own: string, embedded: string): string {
  return JSON.stringify({
    guid: "urn:a",
    type: "text",
    renditions: { original: { href: "http://x/o", media: own, mimetype: "image/jpeg" } },
    associations: {
      featuremedia: {
        guid: "urn:b",
        type: "picture",
        renditions: {
          original: { media: embedded, mimetype: "image/png" },
          thumbnail: { media: own },
        },
      },
      none: null,
    },
  });
}

function delivery(config: Doc, text: string): Delivery {
  return {
    key: "q1",
    itemId: "urn:a",
    itemVersion: 2,
    sequence: 3,
    text,
    mimeType: "application/json",
    extension: "json",
    destination: { delivery_type: "http_push", config },
    subscriber: { name: "Wire" },
  };
}

async function withMedia(fn: (media: MediaStorage) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  const media = createFileMediaStorage(dir);
  try {
    await fn(media);
  } finally {
    await media.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("HTTP push uploads the renditions the assets service lacks, signed, before the item", async () => {
  await withMedia(async (media) => {
    const own = await stored(media, 70_000);
    const embedded = await stored(media, 10, "image/png");
    const receiver = startHttpReceiver();
    receiver.status = (r) => r.method === "GET" ? (r.path.endsWith(own) ? 200 : 404) : 201;
    const push = httpPushTransmitter({ timeoutMs: 5_000, media });
    try {
      const config = {
        resource_url: `${receiver.url}/items`,
        assets_url: `${receiver.url}/assets/`,
        secret_token: "s3cret",
      };
      await push.transmit(delivery(config, ninjs(own, embedded)), { signal });
      const seen = receiver.arrivals.map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(seen, [
        `GET /assets/${own}`,
        `GET /assets/${embedded}`,
        "POST /assets",
        "POST /items",
      ]);
      const upload = receiver.arrivals[2]!;
      assert.match(upload.headers["content-type"]!, /^multipart\/form-data; boundary=/);
      assert.equal(upload.headers["x-superdesk-signature"], await signature(upload.body, "s3cret"));
      assert.match(upload.body, new RegExp(`name="media_id"\r\n\r\n${embedded}\r\n`));
      assert.match(
        upload.body,
        new RegExp(
          `name="media"; filename="${embedded}"\r\nContent-Type: image/png\r\n\r\n` +
            "abcdefghij\r\n--",
        ),
      );
    } finally {
      push.close();
      await receiver.close();
    }
  });
});

Deno.test("HTTP push fails the delivery, item unsent, when a binary cannot be sent", async () => {
  await withMedia(async (media) => {
    const own = await stored(media, 10);
    const receiver = startHttpReceiver();
    receiver.status = (r) => r.method === "GET" ? 404 : r.path === "/assets" ? 500 : 201;
    const push = httpPushTransmitter({ timeoutMs: 5_000, media });
    const config = { resource_url: `${receiver.url}/items`, assets_url: `${receiver.url}/assets` };
    try {
      const failed = await push.transmit(delivery(config, ninjs(own, own)), { signal })
        .then(() => undefined, (error) => error);
      assert.ok(failed instanceof TransmitError);
      assert.equal(failed.permanent, false);
      assert.match(failed.message, new RegExp(`Error pushing media file ${own}: 500`));
      const missing = "0123456789abcdef01234567";
      const absent = await push.transmit(delivery(config, ninjs(missing, missing)), { signal })
        .then(() => undefined, (error) => error);
      assert.match(String(absent?.message), /not in the media storage/);
      assert.ok(!receiver.arrivals.some((r) => r.path === "/items"));
    } finally {
      push.close();
      await receiver.close();
    }
  });
});

Deno.test("HTTP push uploads a binary with its stored type, not the one its rendition names", async () => {
  await withMedia(async (media) => {
    const gif = await stored(media, 10, "image/gif");
    const receiver = startHttpReceiver();
    receiver.status = (r) => r.method === "GET" ? 404 : 201;
    const push = httpPushTransmitter({ timeoutMs: 5_000, media });
    const config = { resource_url: `${receiver.url}/items`, assets_url: `${receiver.url}/assets` };
    try {
      // The item's rendition says image/jpeg; Superdesk sends the stored `content_type`.
      await push.transmit(delivery(config, ninjs(gif, gif)), { signal });
      const upload = receiver.arrivals.find((r) => r.method === "POST" && r.path === "/assets");
      assert.match(String(upload?.body), /filename="[0-9a-f]{24}"\r\nContent-Type: image\/gif\r\n/);
    } finally {
      push.close();
      await receiver.close();
    }
  });
});

Deno.test("HTTP push refuses a media id that would leave the assets path, asking nothing", async () => {
  await withMedia(async (media) => {
    const receiver = startHttpReceiver();
    receiver.status = (r) => r.method === "GET" ? 404 : 201;
    const push = httpPushTransmitter({ timeoutMs: 5_000, media });
    const config = { resource_url: `${receiver.url}/items`, assets_url: `${receiver.url}/assets` };
    try {
      const failed = await push.transmit(delivery(config, ninjs("..", "..")), { signal })
        .then(() => undefined, (error) => error);
      assert.ok(failed instanceof TransmitError);
      assert.equal(failed.permanent, true);
      assert.deepEqual(receiver.arrivals, []);
    } finally {
      push.close();
      await receiver.close();
    }
  });
});

const ftpUrl = engineUrl("FTP_URL");

Deno.test({
  name:
    "FTP with push_associated stores the original and crops, not previews, by the item or in associated_path",
  ignore: !ftpUrl,
  async fn() {
    await withMedia(async (media) => {
      const own = await stored(media, 70_000);
      const embedded = await stored(media, 10, "image/png");
      const path = uniqueName("ftp_media");
      const ftp = ftpTransmitter({ timeoutMs: 10_000, media });
      const config = { ...ftpConfig(ftpUrl!, path), push_associated: true };
      try {
        // A preview's binary is not sent (it is not even stored here).
        const text = ninjs(own, embedded).replace(
          `"thumbnail":{"media":"${own}"}`,
          '"thumbnail":{"media":"0123456789abcdef01234567"}',
        );
        assert.match(text, /0123456789abcdef01234567/);
        await ftp.transmit({ ...delivery(config, text), destination: { config } }, { signal });
        const files = await ftpFiles(ftpUrl!, path);
        assert.deepEqual(
          [...files.keys()].sort(),
          [`${embedded}.png`, `${own}.jpg`, "urn-a-2-3.json"].sort(),
        );
        assert.equal(files.get(`${embedded}.png`), "abcdefghij");
        assert.equal(files.get(`${own}.jpg`)!.length, 70_000);
        const elsewhere = { ...config, associated_path: `/${path}/media/` };
        await ftp.transmit({ ...delivery(elsewhere, text), destination: { config: elsewhere } }, {
          signal,
        });
        const below = await ftpFiles(ftpUrl!, `${path}/media`);
        assert.deepEqual([...below.keys()].sort(), [`${embedded}.png`, `${own}.jpg`].sort());
        await ftpRemoveDir(ftpUrl!, `${path}/media`);
      } finally {
        await ftpRemoveDir(ftpUrl!, path);
      }
    });
  },
});

Deno.test({
  name:
    "FTP with push_associated sends the binaries of a non-JSON document from its published copy",
  ignore: !ftpUrl,
  async fn() {
    await withMedia(async (media) => {
      const own = await stored(media, 10);
      const path = uniqueName("ftp_nitf");
      const asked: string[] = [];
      const ftp = ftpTransmitter({
        timeoutMs: 10_000,
        media,
        publishedCopy: (itemId, version) => {
          asked.push(`${itemId}@${version}`);
          return Promise.resolve({
            renditions: { original: { media: own, mimetype: "image/jpeg" } },
          });
        },
      });
      const config = { ...ftpConfig(ftpUrl!, path), push_associated: true };
      try {
        // Superdesk's `_get_published_item`: an XML document names no binaries.
        await ftp.transmit({ ...delivery(config, "<nitf/>"), destination: { config } }, { signal });
        assert.deepEqual(asked, ["urn:a@2"]);
        const files = await ftpFiles(ftpUrl!, path);
        assert.deepEqual([...files.keys()].sort(), [`${own}.jpg`, "urn-a-2-3.json"].sort());
      } finally {
        await ftpRemoveDir(ftpUrl!, path);
      }
    });
  },
});
