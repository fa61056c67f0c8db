/**
 * Buffered reading of a TCP connection for line protocols (FTP control, IMAP): CRLF-terminated
 * lines, exact byte counts (IMAP literals) and everything up to the end (FTP data). Each read
 * has a deadline: a peer that stops answering closes the connection instead of hanging a poll.
 */

const CR = 13;
const LF = 10;

/** A reader over `conn`; reads longer than `timeoutMs` fail and close the connection. */
export class LineReader {
  #conn: Deno.Conn;
  #buffer = new Uint8Array(0);
  #timeoutMs: number;
  #maxLine: number;

  constructor(conn: Deno.Conn, { timeoutMs = 30_000, maxLine = 1024 * 1024 } = {}) {
    this.#conn = conn;
    this.#timeoutMs = timeoutMs;
    this.#maxLine = maxLine;
  }

  /** The next line without its CRLF (bytes); null at the end of the stream. */
  async readLineBytes(): Promise<Uint8Array | null> {
    for (;;) {
      const end = this.#buffer.indexOf(LF);
      if (end >= 0) {
        const line = this.#buffer.subarray(
          0,
          end > 0 && this.#buffer[end - 1] === CR ? end - 1 : end,
        );
        this.#buffer = this.#buffer.subarray(end + 1);
        return line;
      }
      if (this.#buffer.length > this.#maxLine) throw new Error("line too long from the server");
      if (!(await this.#fill())) {
        return this.#buffer.length ? this.#take(this.#buffer.length) : null;
      }
    }
  }

  /** The next line as text (UTF-8); null at the end of the stream. */
  async readLine(): Promise<string | null> {
    const bytes = await this.readLineBytes();
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }

  /** Exactly `count` bytes; fails if the stream ends first. */
  async readExact(count: number): Promise<Uint8Array> {
    while (this.#buffer.length < count) {
      if (!(await this.#fill())) throw new Error("connection closed in the middle of a reply");
    }
    return this.#take(count);
  }

  /** Everything until the peer closes, bounded by `maxBytes`. */
  async readAll(maxBytes: number): Promise<Uint8Array> {
    while (await this.#fill()) {
      if (this.#buffer.length > maxBytes) throw new Error(`more than ${maxBytes} bytes received`);
    }
    return this.#take(this.#buffer.length);
  }

  #take(count: number): Uint8Array {
    const out = this.#buffer.slice(0, count);
    this.#buffer = this.#buffer.subarray(count);
    return out;
  }

  /** Reads one chunk into the buffer; false at the end of the stream. */
  async #fill(): Promise<boolean> {
    const chunk = new Uint8Array(64 * 1024);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        this.#conn.close();
      } catch { /* already closed */ }
    }, this.#timeoutMs);
    let read: number | null;
    try {
      read = await this.#conn.read(chunk);
    } catch (error) {
      if (timedOut) throw new Error(`no answer from the server within ${this.#timeoutMs} ms`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (read === null) return false;
    const joined = new Uint8Array(this.#buffer.length + read);
    joined.set(this.#buffer);
    joined.set(chunk.subarray(0, read), this.#buffer.length);
    this.#buffer = joined;
    return true;
  }
}

/** Writes all of `data` to `conn`. */
export async function writeAll(conn: Deno.Conn, data: Uint8Array | string): Promise<void> {
  let bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  while (bytes.length) bytes = bytes.subarray(await conn.write(bytes));
}
