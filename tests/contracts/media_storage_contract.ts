/**
 * The contract every `MediaStorage` passes (GridFS on MongoDB/FerretDB, files under DATA_DIR):
 * put/get/exists/delete by id with type, length, name and metadata; bytes back identical,
 * streamed in and out; a failed put leaves nothing; unknown and malformed ids are absent;
 * concurrent puts keep to their own ids.
 */
import assert from "node:assert/strict";
import { isMediaId, type MediaStorage } from "../../src/media/media_storage.ts";

/** A fresh storage and how to remove what it stored. */
export type MediaStorageFactory = () => Promise<
  { storage: MediaStorage; cleanup(): Promise<void> }
>;

function bytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = (i * 31 + seed) % 251;
  return out;
}

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `data` as a stream of `size`-byte chunks, then an error instead of the end when `fail` is given. */
export function chunked(data: Uint8Array, size: number, fail?: Error): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) {
        if (fail) controller.error(fail);
        else controller.close();
        return;
      }
      controller.enqueue(data.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Registers the contract's cases under `name`. */
export function mediaStorageContract(name: string, make: MediaStorageFactory) {
  const test = (title: string, fn: (storage: MediaStorage) => Promise<void>) =>
    Deno.test(`${name}: ${title}`, async () => {
      const { storage, cleanup } = await make();
      try {
        await fn(storage);
      } finally {
        await cleanup();
      }
    });

  test("put then get answers the same bytes, type, length, name and metadata", async (media) => {
    const data = bytes(1000);
    const info = await media.put(data, {
      contentType: "image/png",
      filename: "a.png",
      metadata: { length: 1000, make: "x" },
    });
    assert.ok(isMediaId(info._id));
    assert.equal(info.length, 1000);
    const file = await media.get(info._id);
    assert.ok(file);
    assert.equal(file.contentType, "image/png");
    assert.equal(file.filename, "a.png");
    assert.equal(file.length, 1000);
    assert.deepEqual(file.metadata, { length: 1000, make: "x" });
    assert.ok(Math.abs(file.uploadDate - Date.now()) < 60_000);
    assert.deepEqual(await read(file.body()), data);
    assert.equal(await media.exists(info._id), true);
  });

  test("a streamed put of many chunks reads back whole (past one GridFS chunk)", async (media) => {
    const data = bytes(700_001, 7);
    const info = await media.put(chunked(data, 65_536), {
      contentType: "video/mp4",
      filename: "v.mp4",
    });
    assert.equal(info.length, data.length);
    const file = await media.get(info._id);
    assert.deepEqual(await read(file!.body()), data);
  });

  test("put under a given id; get of an unknown or malformed id is undefined", async (media) => {
    const id = "0123456789abcdef01234567";
    await media.put(bytes(10), { contentType: "text/plain", filename: "t", id });
    assert.equal((await media.get(id))?.length, 10);
    assert.equal(await media.get("fedcba9876543210fedcba98"), undefined);
    assert.equal(await media.get("../../etc/passwd"), undefined);
    assert.equal(await media.exists("nope"), false);
  });

  test("a byte range reads just those bytes, across chunks", async (media) => {
    const data = bytes(600_000, 3);
    const { _id } = await media.put(data, { contentType: "video/mp4", filename: "r.mp4" });
    const file = await media.get(_id);
    assert.deepEqual(await read(file!.body({ start: 0, end: 0 })), data.subarray(0, 1));
    assert.deepEqual(
      await read(file!.body({ start: 261_000, end: 524_999 })),
      data.subarray(261_000, 525_000),
    );
    assert.deepEqual(
      await read(file!.body({ start: 599_990, end: 599_999 })),
      data.subarray(599_990),
    );
  });

  test("delete removes the binary once", async (media) => {
    const { _id } = await media.put(bytes(10), { contentType: "x/y", filename: "d" });
    assert.equal(await media.delete(_id), true);
    assert.equal(await media.get(_id), undefined);
    assert.equal(await media.exists(_id), false);
    assert.equal(await media.delete(_id), false);
  });

  test("a put whose body fails leaves nothing under its id", async (media) => {
    const id = "0123456789abcdef0123abcd";
    await assert.rejects(
      media.put(chunked(bytes(300_000), 100_000, new Error("client went away")), {
        contentType: "x/y",
        filename: "f",
        id,
      }),
      /client went away/,
    );
    assert.equal(await media.exists(id), false);
    assert.equal(await media.get(id), undefined);
  });

  test("concurrent puts each keep their own bytes", async (media) => {
    const inputs = Array.from({ length: 8 }, (_, i) => bytes(50_000 + i * 1000, i));
    const infos = await Promise.all(
      inputs.map((data, i) =>
        media.put(chunked(data, 8192), { contentType: "x/y", filename: `c${i}` })
      ),
    );
    assert.equal(new Set(infos.map(({ _id }) => _id)).size, inputs.length);
    for (const [i, info] of infos.entries()) {
      const file = await media.get(info._id);
      assert.equal(file!.filename, `c${i}`);
      assert.deepEqual(await read(file!.body()), inputs[i]);
    }
  });
}
