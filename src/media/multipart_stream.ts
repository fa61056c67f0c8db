/**
 * A streaming `multipart/form-data` reader (RFC 7578): parts are yielded one at a time, each
 * with its body as a stream read straight off the request's, so a file part goes to storage as
 * it arrives and is never held whole in memory. A part's body left unread is skipped when the next
 * part is asked for. Part heads and text fields are bounded (a head of more than 16 KB, or text
 * fields past their budget together, is a 400), as is the body of the file part (its reader sets
 * the limit). A body that ends before the closing delimiter is malformed (400).
 */
import { BadRequestError, HttpError } from "../errors.ts";

const CRLF = new Uint8Array([13, 10]);
const HEAD_END = new Uint8Array([13, 10, 13, 10]);
const MAX_HEAD_BYTES = 16 * 1024;

/** One part of a form. */
export interface FormPart {
  name: string;
  /** Set for a file part (possibly empty). */
  filename?: string;
  contentType?: string;
  /** The part's bytes (what is left unread is skipped when the next part is asked for). */
  body: ReadableStream<Uint8Array>;
}

/** The boundary of a multipart content type (400 when missing). */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) {
    throw new BadRequestError("Malformed multipart/form-data body: its type names no boundary");
  }
  return boundary;
}

/** The parts of `body`, a form delimited by `boundary`. */
export async function* formParts(
  body: ReadableStream<Uint8Array>,
  boundary: string,
): AsyncGenerator<FormPart> {
  const source = new Scanner(body);
  // A delimiter is CRLF "--" boundary; the first may open the body without its CRLF.
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  source.prepend(CRLF);
  try {
    await source.skipPast(delimiter);
    for (;;) {
      const after = await source.take(2);
      if (after[0] === 45 && after[1] === 45) return; // "--": the closing delimiter.
      if (after[0] !== 13 || after[1] !== 10) malformed();
      const head = await source.until(HEAD_END, MAX_HEAD_BYTES);
      yield { ...parseHead(new TextDecoder().decode(head)), body: source.section(delimiter) };
      // What the consumer left of the part is skipped.
      if (source.inSection) await source.skipPast(delimiter);
    }
  } finally {
    await source.cancel();
  }
}

/** The bytes a form's text fields may hold together (`fieldText` takes from `left`). */
export interface TextBudget {
  readonly max: number;
  left: number;
}

/** The text of a field part, its bytes taken from `budget` (400 beyond). */
export async function fieldText(part: FormPart, budget: TextBudget): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of part.body) {
    budget.left -= chunk.byteLength;
    if (budget.left < 0) {
      throw new BadRequestError(
        `The form's text fields are longer than ${budget.max} bytes (at "${part.name}")`,
      );
    }
    chunks.push(chunk);
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") +
    decoder.decode();
}

function parseHead(head: string): { name: string; filename?: string; contentType?: string } {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === "content-type") contentType = value;
    if (field !== "content-disposition") continue;
    name = param(value, "name");
    filename = param(value, "filename");
  }
  if (name === undefined) {
    throw new BadRequestError("A multipart/form-data part has no Content-Disposition name");
  }
  return { name, filename, contentType };
}

function param(disposition: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i")
    .exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
}

function malformed(): never {
  throw new BadRequestError("Malformed multipart/form-data body");
}

/** Bytes of a stream with look-ahead: what is read but not yet used is `pending`. */
class Scanner {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Uint8Array = new Uint8Array();
  #ended = false;
  /** True while a section's delimiter is not yet found. */
  inSection = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  prepend(bytes: Uint8Array) {
    this.#pending = concat(bytes, this.#pending);
  }

  async cancel() {
    await this.#reader.cancel().catch(() => {});
  }

  /** Reads one more chunk into `pending`; false at the end of the stream. */
  async #more(): Promise<boolean> {
    if (this.#ended) return false;
    const { done, value } = await this.#reader.read().catch((error) => {
      // The request's limits (413, 408) stand; anything else is a body that broke off.
      if (error instanceof HttpError) throw error;
      throw new BadRequestError("The request body broke off before its end");
    });
    if (done) {
      this.#ended = true;
      return false;
    }
    this.#pending = concat(this.#pending, value);
    return true;
  }

  async take(count: number): Promise<Uint8Array> {
    while (this.#pending.byteLength < count) if (!(await this.#more())) malformed();
    const taken = this.#pending.subarray(0, count);
    this.#pending = this.#pending.subarray(count);
    return taken;
  }

  /** The bytes before `pattern` (consumed with it); 400 past `max` bytes or at the end. */
  async until(pattern: Uint8Array, max: number): Promise<Uint8Array> {
    for (;;) {
      const at = indexOf(this.#pending, pattern);
      if (at >= 0) {
        const before = this.#pending.slice(0, at);
        this.#pending = this.#pending.subarray(at + pattern.byteLength);
        return before;
      }
      if (this.#pending.byteLength > max) {
        throw new BadRequestError(`A multipart/form-data part head is longer than ${max} bytes`);
      }
      if (!(await this.#more())) malformed();
    }
  }

  /** Discards everything up to and including `pattern`. */
  async skipPast(pattern: Uint8Array): Promise<void> {
    for (;;) {
      const at = indexOf(this.#pending, pattern);
      if (at >= 0) {
        this.#pending = this.#pending.subarray(at + pattern.byteLength);
        return;
      }
      // Keeps what could be the start of the pattern.
      this.#pending = this.#pending.slice(Math.max(0, this.#pending.byteLength - pattern.length));
      if (!(await this.#more())) malformed();
    }
  }

  /** A stream of the bytes before the next `delimiter` (consumed with it). */
  section(delimiter: Uint8Array): ReadableStream<Uint8Array> {
    this.inSection = true;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          for (;;) {
            const at = indexOf(this.#pending, delimiter);
            if (at >= 0) {
              if (at > 0) controller.enqueue(this.#pending.subarray(0, at));
              this.#pending = this.#pending.subarray(at + delimiter.byteLength);
              this.inSection = false;
              controller.close();
              return;
            }
            // All but what could be the start of the delimiter is the part's.
            const safe = this.#pending.byteLength - (delimiter.byteLength - 1);
            if (safe > 0) {
              controller.enqueue(this.#pending.subarray(0, safe));
              this.#pending = this.#pending.subarray(safe);
              return;
            }
            if (!(await this.#more())) malformed();
          }
        } catch (error) {
          controller.error(error);
        }
      },
    }, { highWaterMark: 0 });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  if (b.byteLength === 0) return a;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** The first index of `pattern` in `bytes`, or -1. */
function indexOf(bytes: Uint8Array, pattern: Uint8Array): number {
  const first = pattern[0]!;
  const last = bytes.byteLength - pattern.byteLength;
  for (let at = bytes.indexOf(first); at >= 0 && at <= last; at = bytes.indexOf(first, at + 1)) {
    let match = true;
    for (let k = 1; k < pattern.byteLength; k++) {
      if (bytes[at + k] !== pattern[k]) {
        match = false;
        break;
      }
    }
    if (match) return at;
  }
  return -1;
}
