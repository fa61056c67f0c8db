/**
 * What the S3 media storage adds to the contract, on the S3 test server (S3_URL): a body longer
 * than a part goes up as a multipart upload and reads back whole (a range across parts too); a
 * failure mid-upload aborts it (no object, no upload left in progress); S3 unreachable or
 * refusing is a 503 (`ServiceUnavailableError`), to the storage's callers and over HTTP.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { S3Client } from "../../src/media/s3_client.ts";
import {
  createS3MediaStorage,
  FILENAME_HEADER_BYTES,
  MIN_PART_BYTES,
} from "../../src/media/s3_media_storage.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { chunked } from "../contracts/media_storage_contract.ts";
import { s3Options, s3Url, testBucket } from "./_s3.ts";
import { startRawHttpServer } from "../_raw_http_server.ts";

const MIB = 1024 * 1024;

const url = s3Url();
if (url) await testBucket(url);

function bytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = (i * 13 + seed) % 251;
  return out;
}

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test({
  name: "s3 media storage: a body over one part is a multipart upload that reads back whole",
  ignore: !url,
  async fn() {
    const options = s3Options(url!, { partBytes: MIN_PART_BYTES });
    const media = createS3MediaStorage(options);
    const data = bytes(2 * MIN_PART_BYTES + 12_345, 5);
    const info = await media.put(chunked(data, MIB), {
      contentType: "video/mp4",
      filename: "big.mp4",
    });
    assert.equal(info.length, data.length);
    // The object itself, read from S3 past the storage, under the folder's key.
    const object = await new S3Client(options).get(`${options.subfolder}/${info._id}`);
    assert.deepEqual(new Uint8Array(await new Response(object).arrayBuffer()), data);
    const file = await media.get(info._id);
    assert.equal(file?.length, data.length);
    assert.equal(file?.filename, "big.mp4");
    assert.deepEqual(new Uint8Array(await new Response(file!.body()).arrayBuffer()), data);
    const across = { start: MIN_PART_BYTES - 10, end: MIN_PART_BYTES + 9 };
    assert.deepEqual(
      new Uint8Array(await new Response(file!.body(across)).arrayBuffer()),
      data.subarray(across.start, across.end + 1),
    );
    assert.equal(await media.delete(info._id), true);
  },
});

Deno.test({
  name: "s3 media storage: a body failing after some parts aborts the upload and leaves nothing",
  ignore: !url,
  async fn() {
    const options = s3Options(url!, { partBytes: MIN_PART_BYTES });
    const media = createS3MediaStorage(options);
    const id = "0123456789abcdef0123abcd";
    await assert.rejects(
      media.put(chunked(bytes(MIN_PART_BYTES + 2048, 1), MIB, new Error("client went away")), {
        contentType: "x/y",
        filename: "f",
        id,
      }),
      /client went away/,
    );
    assert.equal(await media.exists(id), false);
    const client = new S3Client(options);
    assert.deepEqual(await client.listMultipartUploads(`${options.subfolder}/`), []);
  },
});

Deno.test({
  name: "s3 media storage: a file name and metadata beyond ASCII read back as stored",
  ignore: !url,
  async fn() {
    const media = createS3MediaStorage(s3Options(url!));
    const metadata = { title: "Zürich — 東京", n: 2 };
    const { _id } = await media.put(bytes(10, 2), {
      contentType: "image/jpeg",
      filename: "Ž café 1.jpg",
      metadata,
    });
    const file = await media.get(_id);
    assert.equal(file?.filename, "Ž café 1.jpg");
    assert.deepEqual(file?.metadata, metadata);
  },
});

Deno.test({
  name: "s3 media storage: a file name past S3's 2 KB of metadata is stored, its name cut",
  ignore: !url,
  async fn() {
    const media = createS3MediaStorage(s3Options(url!));
    // 300 CJK characters are 2700 bytes URI-encoded: AWS would refuse the object (moto does not).
    const filename = `${"東".repeat(300)}.jpg`;
    const { _id } = await media.put(bytes(10, 3), { contentType: "image/jpeg", filename });
    const file = await media.get(_id);
    assert.ok(file, "the object was not stored");
    assert.equal(file.filename, "東".repeat(Math.floor(FILENAME_HEADER_BYTES / 9)));
    assert.deepEqual(new Uint8Array(await new Response(file.body()).arrayBuffer()), bytes(10, 3));
  },
});

Deno.test("s3 media storage: S3 unreachable is a 503 for every call", async () => {
  const media = createS3MediaStorage({
    accessKeyId: "k",
    secretAccessKey: "s",
    region: "us-east-1",
    bucket: "b-unreachable",
    endpoint: `http://127.0.0.1:${closedPort()}`,
  });
  const id = "0123456789abcdef01234567";
  for (
    const call of [
      () => media.put(bytes(10, 1), { contentType: "x/y", filename: "f" }),
      () => media.get(id),
      () => media.exists(id),
      () => media.delete(id),
    ]
  ) {
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.status, 503);
      assert.match(error.message, /S3\) is unreachable/);
      return true;
    });
  }
});

Deno.test({
  name: "s3 media storage: a put to a bucket that is not there is a 503 naming NoSuchBucket",
  ignore: !url,
  async fn() {
    const media = createS3MediaStorage({ ...s3Options(url!), bucket: "superdesk-no-such-bucket" });
    await assert.rejects(
      media.put(bytes(10, 1), { contentType: "x/y", filename: "f" }),
      (error) => error instanceof ServiceUnavailableError && /NoSuchBucket/.test(error.message),
    );
  },
});

Deno.test("GET /api/upload-raw/:id with S3 unreachable answers a JSON 503", async () => {
  const app = await createTestApp({
    env: {
      AMAZON_CONTAINER_NAME: "superdesk-media",
      AMAZON_ACCESS_KEY_ID: "k",
      AMAZON_SECRET_ACCESS_KEY: "s",
      AMAZON_ENDPOINT_URL: `http://127.0.0.1:${closedPort()}`,
    },
  });
  try {
    const admin = await loginAs(app, { username: "admin", admin: true });
    const response = await admin.get("/api/upload-raw/0123456789abcdef01234567");
    assert.equal(response.status, 503);
    assert.match(response.headers.get("content-type")!, /^application\/json/);
    const body = await response.json();
    assert.equal(body._status, "ERR");
    assert.match(JSON.stringify(body), /S3\) is unreachable/);
  } finally {
    await app.close();
  }
});

/**
 * Runs `fn` against a server that accepts connections and then sends `answer` (nothing by
 * default) and no more: S3 stalled.
 */
async function withStalledS3(
  answer: string,
  fn: (endpoint: string) => Promise<void>,
): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      held.push(conn);
      if (answer) await conn.write(new TextEncoder().encode(answer));
    }
  })();
  try {
    await fn(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`);
  } finally {
    listener.close();
    for (const conn of held) conn.close();
    await accepting.catch(() => {});
  }
}

const stalled = { accessKeyId: "k", secretAccessKey: "s", region: "us-east-1", timeoutMs: 200 };
const late = (error: unknown) =>
  error instanceof ServiceUnavailableError && /no answer in time/.test(error.message);

Deno.test("s3 media storage: S3 accepting but never answering is a 503 once the limit passes", async () => {
  await withStalledS3("", async (endpoint) => {
    const media = createS3MediaStorage({ ...stalled, bucket: "b-silent", endpoint });
    await assert.rejects(media.exists("0123456789abcdef01234567"), late);
  });
});

Deno.test("s3 client: an answer whose body stalls after its headers is a 503 once the limit passes", async () => {
  await withStalledS3("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n<", async (endpoint) => {
    const client = new S3Client({ ...stalled, bucket: "b-stalled", endpoint });
    await assert.rejects(client.createMultipartUpload("a/key", {}), late);
  });
});

Deno.test("s3 media storage: a download whose body stalls after its first bytes is aborted once idle too long", async () => {
  // HEAD answers the object's size; GET sends its head and 3 of its 10 bytes, then nothing.
  const server = startRawHttpServer((head) =>
    head.startsWith("HEAD ")
      ? "HTTP/1.1 200 OK\r\ncontent-length: 10\r\ncontent-type: text/plain\r\n\r\n"
      : "HTTP/1.1 200 OK\r\ncontent-length: 10\r\ncontent-type: text/plain\r\n\r\nabc"
  );
  try {
    const media = createS3MediaStorage({
      ...stalled,
      timeoutMs: 60_000,
      idleMs: 100,
      bucket: "b-stalling",
      endpoint: server.url.href,
    });
    const file = await media.get("0123456789abcdef01234567");
    assert.equal(file?.length, 10);
    const reader = file!.body().getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), "abc");
    await assert.rejects(
      reader.read(),
      (error) => error instanceof ServiceUnavailableError && /stalled/.test(error.message),
    );
    // The connection to S3 is closed, not left open with its body half read.
    await server.closedBy(1);
    assert.match(server.heads.at(-1)!, /^GET \/b-stalling\/0123456789abcdef01234567 /);
  } finally {
    await server.close();
  }
});
