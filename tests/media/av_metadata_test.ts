import assert from "node:assert/strict";
import { avMetadata } from "../../src/media/av_metadata.ts";
import { type ByteSource, bytesSource, mediaFileSource } from "../../src/media/av_source.ts";
import type { MediaFile } from "../../src/media/media_storage.ts";
import { mp4Video, oggVorbis } from "./_av_files.ts";

/** `bytes` as a stored file that counts the ranged reads made of it. */
function storedFile(bytes: Uint8Array): { file: MediaFile; reads: number[][] } {
  const reads: number[][] = [];
  const file: MediaFile = {
    _id: "0123456789abcdef01234567",
    contentType: "application/octet-stream",
    length: bytes.byteLength,
    filename: "f",
    uploadDate: 0,
    metadata: {},
    body: (range) => {
      const { start, end } = range ?? { start: 0, end: bytes.byteLength - 1 };
      reads.push([start, end]);
      return new Blob([bytes.slice(start, end + 1)]).stream();
    },
  };
  return { file, reads };
}

Deno.test("an Ogg Vorbis file's headers, tags and duration read as Superdesk lists them", async () => {
  assert.deepEqual(await avMetadata(bytesSource(oggVorbis())), {
    mime_type: "audio/vorbis",
    endian: "Little endian",
    compression: "Vorbis",
    sample_rate: "44100",
    nb_channel: "2",
    format_version: "Vorbis version 0",
    bit_rate: "160000",
    producer: "Lavf54.59.103",
    title: "Green Hills",
    artist: "Maxime Abbey",
    music_genre: "New Age",
    duration: "0:00:20.088163",
  });
});

Deno.test("a Vorbis comment: the vendor when no ENCODER, names in any case, unknown ones left out", async () => {
  const meta = await avMetadata(bytesSource(oggVorbis({
    rate: 48000,
    channels: 1,
    nominalBitrate: 0,
    tags: ["title=Tiny", "Album= Side A ", "REPLAYGAIN_TRACK_GAIN=-3 dB", "noequals", "DATE="],
    samples: 48000n * 3725n,
    audioBytes: 200_000,
  })));
  assert.equal(meta.producer, "Xiph.Org libVorbis I 20120203 (Omnipresent)");
  assert.equal(meta.title, "Tiny");
  assert.equal(meta.album, "Side A");
  assert.equal(meta.nb_channel, "1");
  assert.equal(meta.sample_rate, "48000");
  assert.equal(meta.bit_rate, undefined, "a nominal bit rate of 0 is none");
  assert.equal(meta.creation_date, undefined, "an empty value is left out");
  assert.equal(meta.duration, "1:02:05");
  assert.deepEqual(
    Object.keys(meta).sort(),
    [
      "album",
      "compression",
      "duration",
      "endian",
      "format_version",
      "mime_type",
      "nb_channel",
      "producer",
      "sample_rate",
      "title",
    ],
  );
});

Deno.test("an MP4 file's movie and video track headers read as Superdesk lists them", async () => {
  assert.deepEqual(await avMetadata(bytesSource(mp4Video())), {
    mime_type: "video/mp4",
    endian: "Big endian",
    creation_date: "1904-01-01T00:00:00+00:00",
    last_modification: "1904-01-01T00:00:00+00:00",
    duration: "0:00:10.224000",
    comment: "User volume: 100.0%",
    width: "480",
    height: "270",
  });
});

Deno.test("MP4: moov after mdat, version 1 headers, 64-bit sizes and QuickTime's brand", async () => {
  // 2024-05-06T07:08:09Z in seconds since 1904.
  const created = Date.UTC(2024, 4, 6, 7, 8, 9) / 1000 + 2_082_844_800;
  const meta = await avMetadata(bytesSource(mp4Video({
    brand: "qt  ",
    compatible: "qt  ",
    created,
    modified: created + 61,
    timescale: 90000,
    duration: 90000 * 86_401.5,
    volume: 0x80,
    width: 1920,
    height: 1080,
    long: true,
    moovLast: true,
  })));
  assert.deepEqual(meta, {
    mime_type: "video/quicktime",
    endian: "Big endian",
    creation_date: "2024-05-06T07:08:09+00:00",
    last_modification: "2024-05-06T07:09:10+00:00",
    duration: "1 day, 0:00:01.500000",
    comment: "User volume: 50.0%",
    width: "1920",
    height: "1080",
  });
});

Deno.test("a stored file is read in a few ranged reads, not whole", async () => {
  const video = mp4Video({ moovLast: true, mediaBytes: 500_000 });
  const { file, reads } = storedFile(video);
  const meta = await avMetadata(mediaFileSource(file, { window: 4096 }));
  assert.equal(meta.width, "480");
  const read = reads.reduce((sum, [start, end]) => sum + end! - start! + 1, 0);
  assert.ok(read < 20_000, `read ${read} bytes in ${reads.length} reads`);

  const audio = oggVorbis({ audioBytes: 600_000 });
  const stored = storedFile(audio);
  assert.equal((await avMetadata(mediaFileSource(stored.file))).duration, "0:00:20.088163");
  assert.ok(stored.reads.every(([start, end]) => end! - start! < 300_000), "head and tail only");
});

Deno.test("a file of millions of tiny nested boxes is walked only so far", async () => {
  // 20 movies of 1,000 tracks of 8 empty boxes: 180,020 box headers in 1.4 MB (a 64 MiB file
  // of them took half a minute of the event loop's time).
  const bytes = new Uint8Array(20 * (8 + 1000 * 72));
  const view = new DataView(bytes.buffer);
  const box = (at: number, size: number, type: string) => {
    view.setUint32(at, size);
    bytes.set(new TextEncoder().encode(type), at + 4);
  };
  for (let movie = 0, at = 0; movie < 20; movie++) {
    box(at, 8 + 1000 * 72, "moov");
    at += 8;
    for (let track = 0; track < 1000; track++, at += 72) {
      box(at, 72, "trak");
      for (let inner = 0; inner < 8; inner++) box(at + 8 + inner * 8, 8, "free");
    }
  }
  const whole = bytesSource(bytes);
  let reads = 0;
  const counted: ByteSource = {
    size: whole.size,
    read: (...range) => (reads++, whole.read(...range)),
  };
  assert.deepEqual(await avMetadata(counted), {
    endian: "Big endian",
    mime_type: "video/quicktime",
  });
  assert.ok(reads <= 10_001, `${reads} reads`);
});

Deno.test("a storage that fails a read fails the extraction with its own error", async () => {
  const failing: ByteSource = {
    size: 100,
    read: () => Promise.reject(new Error("unused")),
  };
  const { file } = storedFile(mp4Video());
  const broken: MediaFile = {
    ...file,
    body: () =>
      new ReadableStream({ pull: (c) => c.error(new Deno.errors.ConnectionReset("gone")) }),
  };
  await assert.rejects(avMetadata(mediaFileSource(broken)), Deno.errors.ConnectionReset);
  await assert.rejects(avMetadata(failing), /unused/, "a bare source's errors are not hidden");
});

Deno.test("other formats and empty files have no metadata", async () => {
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode("ID3\x04 not read here")]) {
    assert.deepEqual(await avMetadata(bytesSource(bytes)), {});
  }
});

/** A seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every value is text: a broken file gives less, never something else. */
function assertTextValues(meta: Record<string, string>, what: string): void {
  for (const [key, value] of Object.entries(meta)) {
    assert.equal(typeof value, "string", `${what}: ${key}`);
  }
}

Deno.test("truncated and corrupted files never throw: what is readable is kept", async () => {
  const files = {
    ogg: oggVorbis({ audioBytes: 700 }),
    mp4: mp4Video({ mediaBytes: 300 }),
    mp4Last: mp4Video({ moovLast: true, long: true, mediaBytes: 300 }),
  };
  let cases = 0;
  for (const [name, whole] of Object.entries(files)) {
    for (let length = 0; length <= whole.byteLength; length++) {
      const meta = await avMetadata(bytesSource(whole.slice(0, length)));
      assertTextValues(meta, `${name} cut at ${length}`);
      cases++;
    }
    const next = random(whole.byteLength);
    for (let round = 0; round < 3000; round++) {
      const bytes = whole.slice();
      const flips = 1 + Math.floor(next() * 8);
      // Corruptions land in the headers (first 300 bytes) more often than in the filler.
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(next() * (next() < 0.7 ? Math.min(300, bytes.length) : bytes.length));
        bytes[at] = next() < 0.5 ? 0xff : Math.floor(next() * 256);
      }
      assertTextValues(await avMetadata(bytesSource(bytes)), `${name} round ${round}`);
      cases++;
    }
  }
  assert.ok(cases > 9000);
});

Deno.test("a truncated Ogg file keeps its headers; a box claiming more than the file is cut", async () => {
  const ogg = oggVorbis({ audioBytes: 700 });
  const cut = await avMetadata(bytesSource(ogg.slice(0, ogg.byteLength - 100)));
  assert.equal(cut.sample_rate, "44100");
  assert.equal(cut.title, "Green Hills");
  const mp4 = mp4Video({ mediaBytes: 300 });
  const meta = await avMetadata(bytesSource(mp4.slice(0, mp4.byteLength - 200)));
  assert.equal(meta.duration, "0:00:10.224000");
});
