/**
 * Cuts a byte stream into parts of a fixed size for an S3 upload, holding one part at a time
 * (twice its bytes for a moment: the chunks it is copied from, and the part): what lets a large
 * upload stream through a multipart upload (S3 needs each part's length, and its hash for the
 * signature, before sending it).
 */
export class PartReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  #ended = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  /** True once the stream has ended and every byte was handed out. */
  get done(): boolean {
    return this.#ended && this.#heldBytes === 0;
  }

  /** The next `size` bytes, or fewer when the stream ends first (none once it is done). */
  async next(size: number): Promise<Uint8Array<ArrayBuffer>> {
    while (this.#heldBytes < size && !this.#ended) {
      const { done, value } = await this.#reader.read();
      if (done) this.#ended = true;
      else if (value.byteLength > 0) {
        this.#held.push(value);
        this.#heldBytes += value.byteLength;
      }
    }
    const part = new Uint8Array(Math.min(size, this.#heldBytes));
    let filled = 0;
    while (filled < part.length) {
      const chunk = this.#held[0]!;
      const take = Math.min(chunk.byteLength, part.length - filled);
      part.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take === chunk.byteLength) this.#held.shift();
      else this.#held[0] = chunk.subarray(take);
    }
    this.#heldBytes -= filled;
    return part;
  }

  /** Stops reading (the source is cancelled with `reason`). */
  async cancel(reason?: unknown): Promise<void> {
    this.#held = [];
    this.#heldBytes = 0;
    await this.#reader.cancel(reason).catch(() => {});
  }
}
