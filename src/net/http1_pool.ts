/**
 * A small HTTP/1.1 client for one origin over `Deno.connect`/`Deno.connectTls`, keeping idle
 * connections open for the next request (one request at a time per connection, no
 * pipelining). It exists for the Elasticsearch connection, where Deno's `fetch` cost twice the
 * CPU per request of a plain socket. Bodies are read by `Content-Length` or chunked encoding
 * (a chunked body is buffered whole, then copied or decoded once: `requestText` decodes it
 * straight from the read buffer, the bytes never copied); a connection the server closed while
 * idle is replaced once, transparently, when it fails before any byte of the answer arrived.
 * A request is written in one write, head and body together (a short text one encoded into
 * the connection's reused write buffer); headers sent with every request of a kind can be
 * checked and written out once (`Http1HeaderBlock`). An answer buffered whole is read without
 * waiting on a promise per line (the usual search answer arrives in one read).
 */
import { type Deadline, DeadlineSweeper } from "../deadline_sweeper.ts";

/** What `Http1Pool.request` sends. */
export interface Http1Request {
  method: string;
  /** Path and query string, starting with `/`. */
  path: string;
  /**
   * Header names and values, or a block made once by `Http1HeaderBlock` for headers sent with
   * many requests; `host` and `content-length` are set by the pool.
   */
  headers: Record<string, string> | Http1HeaderBlock;
  body?: string | Uint8Array;
  /** Aborting it closes the connection and rejects with `Http1AbortedError`. */
  signal?: AbortSignal;
  /**
   * Milliseconds the whole exchange (connecting included) may take; past it the connection is
   * closed and the request rejects with `Http1TimeoutError` (checked every 50 ms).
   */
  timeoutMs?: number;
}

/** An answer, its body read whole. */
export interface Http1Response {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

/** An answer whose body was decoded as UTF-8 (`Http1Pool.requestText`). */
export interface Http1TextResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

/** Headers checked and written out once, for requests that all send the same ones. */
export class Http1HeaderBlock {
  /** The header lines, each ending in CRLF. */
  readonly text: string;

  /** Fails with `Http1ConnectionError` on a name or value holding CR or LF. */
  constructor(headers: Readonly<Record<string, string>>) {
    this.text = headerLines(headers);
  }
}

/** The connection failed (refused, reset, closed mid-answer, malformed answer). */
export class Http1ConnectionError extends Error {
  override name = "Http1ConnectionError";
}

/** The request's signal aborted it. */
export class Http1AbortedError extends Error {
  override name = "Http1AbortedError";
}

/** The request took longer than its `timeoutMs`. */
export class Http1TimeoutError extends Error {
  override name = "Http1TimeoutError";
}

/** Options of `Http1Pool`. */
export interface Http1PoolOptions {
  /** Idle connections kept open at most (default 32); more are closed when released. */
  maxIdle?: number;
  /** Answers with a declared or read size above this are refused (default 512 MiB). */
  maxBodyBytes?: number;
  /** PEM certificates trusted for https besides Deno's store (a private CA). */
  caCerts?: string[];
  /**
   * The IP address to connect to, already resolved (and checked) by the caller, instead of
   * looking the origin's host name up: `Host` and the TLS server name stay the origin's.
   */
  address?: string;
}

const CRLF_CRLF = new Uint8Array([13, 10, 13, 10]);
const CRLF = CRLF_CRLF.subarray(2);
/** How often deadlines are checked: one interval for all requests, not a timer each. */
const SWEEP_MS = 50;
/** Bodies up to this many characters are checked for ASCII and encoded with their head. */
const ONE_ENCODE_MAX = 64 * 1024;
const NON_ASCII = /[^\0-\x7f]/;
const STATUS_LINE = /^HTTP\/1\.[01] \d{3}/;
const CLOSE = /\bclose\b/i;
const CHUNKED = /\bchunked\b/i;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Keep-alive HTTP/1.1 connections to one `http:`/`https:` origin. */
export class Http1Pool {
  readonly #hostname: string;
  readonly #port: number;
  readonly #tls: boolean;
  readonly #hostHeader: string;
  readonly #maxIdle: number;
  readonly #maxBodyBytes: number;
  readonly #caCerts: string[] | undefined;
  readonly #address: string | undefined;
  readonly #idle: Http1Conn[] = [];
  readonly #busy = new Set<Http1Conn>();
  readonly #deadlines = new DeadlineSweeper(SWEEP_MS);
  #closed = false;
  #inFlight = 0;

  constructor(
    origin: URL,
    { maxIdle = 32, maxBodyBytes = 512 * 2 ** 20, caCerts, address }: Http1PoolOptions = {},
  ) {
    if (origin.protocol !== "http:" && origin.protocol !== "https:") {
      throw new Error(`Http1Pool needs an http: or https: URL, not ${origin.protocol}`);
    }
    this.#tls = origin.protocol === "https:";
    this.#hostname = origin.hostname.replace(/^\[(.*)\]$/, "$1");
    this.#port = Number(origin.port || (this.#tls ? 443 : 80));
    this.#hostHeader = origin.host;
    this.#maxIdle = maxIdle;
    this.#maxBodyBytes = maxBodyBytes;
    this.#caCerts = caCerts;
    this.#address = address?.replace(/^\[(.*)\]$/, "$1");
  }

  /** Sends one request and reads its answer whole. */
  request(request: Http1Request): Promise<Http1Response> {
    return this.#send(request, false) as Promise<Http1Response>;
  }

  /**
   * Sends one request and reads its answer whole as UTF-8 text, decoded straight from the
   * connection's read buffer (no copy of the body's bytes first).
   */
  requestText(request: Http1Request): Promise<Http1TextResponse> {
    return this.#send(request, true) as Promise<Http1TextResponse>;
  }

  /** The exchange; the answer is an `Http1TextResponse` when `text`, else an `Http1Response`. */
  async #send(request: Http1Request, text: boolean): Promise<Answer> {
    if (this.#closed) throw new Http1ConnectionError("the connection pool is closed");
    const { signal, timeoutMs } = request;
    if (signal?.aborted) throw new Http1AbortedError("request aborted");
    const head = this.#head(request);
    const exchange: Exchange = {
      deadline: timeoutMs === undefined ? Infinity : performance.now() + timeoutMs,
      cancel: undefined,
      timedOut: false,
      expire() {
        this.timedOut = true;
        this.cancel?.();
      },
    };
    const onAbort = () => exchange.cancel?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (timeoutMs !== undefined) this.#deadlines.watch(exchange);
    let reused = this.#idle.pop();
    let conn: Http1Conn | undefined = reused;
    this.#inFlight++;
    try {
      for (;;) {
        conn ??= await this.#connect(exchange);
        const current: Http1Conn = conn;
        exchange.cancel = () => current.close();
        this.#busy.add(current);
        try {
          const response = await current.exchange(head, request.method, this.#maxBodyBytes, text);
          this.#busy.delete(current);
          // Unread bytes after the answer (a misbehaving server) would be taken as the next
          // request's answer: such a connection is closed, never kept.
          if (
            response.keepAlive && !current.hasUnread && !this.#closed &&
            this.#idle.length < this.#maxIdle
          ) {
            this.#idle.push(current);
          } else current.close();
          return response.answer;
        } catch (error) {
          this.#busy.delete(current);
          current.close();
          if (error instanceof StaleConnection && reused && !stopped(exchange, signal)) {
            reused = conn = undefined;
            continue;
          }
          throw error instanceof StaleConnection ? new Http1ConnectionError(error.message) : error;
        }
      }
    } catch (error) {
      if (exchange.timedOut) throw new Http1TimeoutError("request timed out");
      if (signal?.aborted) throw new Http1AbortedError("request aborted");
      throw error instanceof Http1ConnectionError
        ? error
        : new Http1ConnectionError(error instanceof Error ? error.message : String(error));
    } finally {
      this.#inFlight--;
      this.#deadlines.forget(exchange);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Requests under way (connecting, sending or reading); closing now would fail them. */
  get busy(): number {
    return this.#inFlight;
  }

  /** Closes every connection; requests under way fail with `Http1ConnectionError`. */
  close(): void {
    this.#closed = true;
    for (const conn of this.#idle.splice(0)) conn.close();
    for (const conn of this.#busy) conn.close();
    this.#busy.clear();
    this.#deadlines.stop();
  }

  /**
   * The request's bytes, or its text when it is all one string (no body, or a short ASCII
   * one), which the connection encodes into a buffer of its own.
   */
  #head(request: Http1Request): Uint8Array | string {
    const { body, headers } = request;
    const text = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${this.#hostHeader}\r\n${
      headers instanceof Http1HeaderBlock ? headers.text : headerLines(headers)
    }`;
    if (body === undefined) return `${text}\r\n`;
    // A short ASCII body's byte length is its length: head and body encoded at once.
    if (typeof body === "string" && body.length <= ONE_ENCODE_MAX && !NON_ASCII.test(body)) {
      return `${text}content-length: ${body.length}\r\n\r\n${body}`;
    }
    const bodyBytes = typeof body === "string" ? encoder.encode(body) : body;
    const headBytes = encoder.encode(`${text}content-length: ${bodyBytes.length}\r\n\r\n`);
    if (!bodyBytes.length) return headBytes;
    const out = new Uint8Array(headBytes.length + bodyBytes.length);
    out.set(headBytes);
    out.set(bodyBytes, headBytes.length);
    return out;
  }

  async #connect(exchange: Exchange): Promise<Http1Conn> {
    // A TLS connection shakes hands before it is used, so a refused certificate is reported
    // as such rather than as a connection closed under the first request.
    const connecting: Promise<Deno.Conn> = this.#tls
      ? this.#tlsConnection().then(async (tls) => {
        try {
          await tls.handshake();
          return tls;
        } catch (error) {
          tls.close();
          throw error;
        }
      })
      : Deno.connect({ hostname: this.#address ?? this.#hostname, port: this.#port });
    const raw = await new Promise<Deno.Conn>((resolve, reject) => {
      exchange.cancel = () => {
        reject(new Http1ConnectionError("connecting was cancelled"));
        connecting.then((late) => late.close(), () => {});
      };
      connecting.then(resolve, reject);
    });
    if (!this.#tls) (raw as Deno.TcpConn).setNoDelay(true);
    return new Http1Conn(raw);
  }

  /** A TLS connection to the origin, over TCP to `address` when one was given. */
  async #tlsConnection(): Promise<Deno.TlsConn> {
    const caCerts = this.#caCerts;
    if (this.#address === undefined) {
      return await Deno.connectTls({ hostname: this.#hostname, port: this.#port, caCerts });
    }
    const tcp = await Deno.connect({ hostname: this.#address, port: this.#port });
    return await Deno.startTls(tcp, { hostname: this.#hostname, caCerts });
  }
}

/**
 * A request under way: its deadline and how to stop it where it is (connecting or talking);
 * expiring marks it timed out and stops it.
 */
interface Exchange extends Deadline {
  cancel: (() => void) | undefined;
  timedOut: boolean;
}

/** Whether the exchange timed out or its signal aborted. */
function stopped(exchange: Exchange, signal: AbortSignal | undefined): boolean {
  return exchange.timedOut || signal?.aborted === true;
}

/** A reused connection failed before the answer's first byte: the server had closed it. */
class StaleConnection extends Error {
  constructor(cause?: unknown) {
    super(
      cause instanceof Error ? cause.message : "the server closed the connection before answering",
    );
  }
}

/** A body as read: bytes, or text for `requestText`. */
type Body = Uint8Array<ArrayBuffer> | string;

/** An answer with its body either way (`requestText`'s, or `request`'s). */
type Answer = Http1TextResponse | Http1Response;

/** The answer of `code` with `body` read as `text` or bytes. */
function answerOf(code: number, headers: Record<string, string>, body: Body): Answer {
  return typeof body === "string"
    ? { status: code, headers, text: body }
    : { status: code, headers, body };
}

/** An answer's status line, its code and its headers (lower-case names). */
interface AnswerHead {
  code: number;
  headers: Record<string, string>;
  line: string;
}

/** A connection's read buffer at first, and the size above which it is not kept when idle. */
const INITIAL_BUFFER = 16 * 1024;
const KEPT_BUFFER = 1024 * 1024;
/** A connection's write buffer at first, and the most it grows to for longer requests. */
const INITIAL_OUT = 4 * 1024;
const KEPT_OUT = 256 * 1024;
/**
 * The most an answer's head, a chunk-size line or a chunked body's trailers may take: a
 * server writing endless headers is refused rather than buffered (Node's own limit for a
 * head is 16 KiB; Elasticsearch's heads take well under 1 KiB).
 */
const MAX_HEAD = 64 * 1024;

/** One socket and its read buffer. */
class Http1Conn {
  #buffer = new Uint8Array(INITIAL_BUFFER);
  #out = new Uint8Array(INITIAL_OUT);
  #start = 0;
  #end = 0;
  #closed = false;

  constructor(readonly raw: Deno.Conn) {}

  close() {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.raw.close();
    } catch {
      // Already closed by the peer.
    }
  }

  async exchange(head: Uint8Array | string, method: string, maxBody: number, text: boolean) {
    const bytes = typeof head === "string" ? this.#encode(head) : head;
    try {
      // Written here rather than by a helper: one async frame less per request.
      let written = await this.raw.write(bytes);
      while (written < bytes.length) written += await this.raw.write(bytes.subarray(written));
    } catch (error) {
      throw new StaleConnection(error);
    }
    const answer = await this.#readAnswer(method === "HEAD", maxBody, text);
    // A large answer's buffer is not kept for the connection's idle life.
    if (this.#buffer.length > KEPT_BUFFER && this.#start === this.#end) {
      this.#buffer = new Uint8Array(INITIAL_BUFFER);
      this.#start = this.#end = 0;
    }
    return answer;
  }

  /**
   * `text` as UTF-8 in the connection's write buffer (reused: one request at a time, its write
   * awaited), sparing each request a new buffer of its own.
   */
  #encode(text: string): Uint8Array {
    const { read, written } = encoder.encodeInto(text, this.#out);
    if (read === text.length) return this.#out.subarray(0, written);
    const bytes = encoder.encode(text);
    if (bytes.length <= KEPT_OUT) {
      this.#out = new Uint8Array(Math.min(KEPT_OUT, Math.max(this.#out.length * 2, bytes.length)));
    }
    return bytes;
  }

  /** Whether bytes past the last answer were read: such a connection cannot be reused. */
  get hasUnread(): boolean {
    return this.#start !== this.#end;
  }

  async #readAnswer(headRequest: boolean, maxBody: number, text: boolean) {
    // The head is awaited here rather than in a method of its own: one async frame less.
    let first = true;
    let head: AnswerHead;
    for (;;) {
      let headEnd: number;
      // Bytes past the unread start already searched: each read searches only what it added.
      let searched = 0;
      while ((headEnd = indexOf(this.#buffer, CRLF_CRLF, this.#start + searched, this.#end)) < 0) {
        searched = Math.max(0, this.#end - this.#start - 3);
        if (searched > MAX_HEAD) throw new Http1ConnectionError("the answer's head is too long");
        if (!(await this.#fill())) {
          if (first && this.#start === this.#end) throw new StaleConnection();
          throw new Http1ConnectionError("the connection closed in the answer's headers");
        }
        first = false;
      }
      head = this.#parseHead(headEnd);
      // Interim answers (`100 Continue`, `103 Early Hints`) precede the final one; 101 would
      // switch protocols, which this pool does not speak.
      if (head.code < 100 || head.code >= 200) break;
      if (head.code === 101) {
        throw new Http1ConnectionError(
          "the server switched protocols (101), which is not HTTP/1.1",
        );
      }
      first = false;
    }
    const { code, headers, line } = head;
    const keepAlive = !CLOSE.test(headers["connection"] ?? "") &&
      line.startsWith("HTTP/1.1");
    let body: Body;
    if (headRequest || code === 204 || code === 304) {
      body = text ? "" : new Uint8Array();
    } else if (CHUNKED.test(headers["transfer-encoding"] ?? "")) {
      body = await this.#readChunked(maxBody, text);
    } else if (headers["content-length"] !== undefined) {
      const length = Number(headers["content-length"]);
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new Http1ConnectionError(`malformed content-length: ${headers["content-length"]}`);
      }
      if (length > maxBody) throw new Http1BodyTooLarge(length, maxBody);
      if (this.#end - this.#start < length) {
        await this.#ensure(length, "the connection closed in the answer's body");
      }
      body = this.#take(this.#start, length, text);
      this.#start += length;
    } else {
      body = await this.#readToEnd(maxBody, text);
      return { answer: answerOf(code, headers, body), keepAlive: false };
    }
    return { answer: answerOf(code, headers, body), keepAlive };
  }

  /** The status line and headers buffered up to `headEnd` (their blank line), taken. */
  #parseHead(headEnd: number): AnswerHead {
    const text = decoder.decode(this.#buffer.subarray(this.#start, headEnd));
    this.#start = headEnd + 4;
    // Lines found with `indexOf` rather than `split`, the code read from its characters: this
    // runs once per answer of every search.
    let end = text.indexOf("\r\n");
    const line = end < 0 ? text : text.slice(0, end);
    if (!STATUS_LINE.test(line)) throw new Http1ConnectionError(`malformed status line: ${line}`);
    const code = (line.charCodeAt(9) - 48) * 100 + (line.charCodeAt(10) - 48) * 10 +
      line.charCodeAt(11) - 48;
    const headers: Record<string, string> = {};
    let last: string | undefined;
    while (end >= 0) {
      const start = end + 2;
      end = text.indexOf("\r\n", start);
      const header = end < 0 ? text.slice(start) : text.slice(start, end);
      // A line starting with a space or tab continues the previous header (obsolete line
      // folding, RFC 9112 5.2: read as one space), whatever colons it holds.
      const lead = header.charCodeAt(0);
      if ((lead === 32 || lead === 9) && last !== undefined) {
        headers[last] = `${headers[last]} ${header.trim()}`;
        continue;
      }
      const colon = header.indexOf(":");
      if (colon <= 0) throw new Http1ConnectionError(`malformed header: ${header}`);
      const name = header.slice(0, colon).trim().toLowerCase();
      const value = header.slice(colon + 1).trim();
      headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
      last = name;
    }
    return { code, headers, line };
  }

  /** Reads until `length` unread bytes are buffered; fails with `message` at end of stream. */
  async #ensure(length: number, message: string): Promise<void> {
    while (this.#end - this.#start < length) {
      if (!(await this.#fill(length))) throw new Http1ConnectionError(message);
    }
  }

  /** `length` buffered bytes from `from`: a copy, or decoded as UTF-8 text. */
  #take(from: number, length: number, text: boolean): Body {
    const bytes = this.#buffer.subarray(from, from + length);
    return text ? decoder.decode(bytes) : bytes.slice();
  }

  /**
   * Reads until the line starting `at` bytes past the unread start is buffered; returns its
   * length (CRLF excluded). Offsets are relative to the unread start, which reads may move.
   */
  async #lineAt(at: number): Promise<number> {
    let end: number;
    // Bytes of the line already searched: each read searches only what it added.
    let searched = 0;
    while ((end = indexOf(this.#buffer, CRLF, this.#start + at + searched, this.#end)) < 0) {
      searched = Math.max(0, this.#end - this.#start - at - 1);
      if (searched > MAX_HEAD) {
        throw new Http1ConnectionError("a line of the chunked body is too long");
      }
      if (!(await this.#fill())) {
        throw new Http1ConnectionError("the connection closed in a chunked body");
      }
    }
    return end - this.#start - at;
  }

  /**
   * `#lineAt` without waiting: the line's length if it is buffered whole, else -1 (the usual
   * chunked answer arrives in one read: no await, no promise per line).
   */
  #bufferedLine(at: number): number {
    const end = indexOf(this.#buffer, CRLF, this.#start + at, this.#end);
    return end < 0 ? -1 : end - this.#start - at;
  }

  /**
   * A chunk-size line's size (hex digits, extensions after them ignored), or -1 (no digit, or
   * more than 13 past leading zeros: over 2^52).
   */
  #chunkSize(at: number, length: number): number {
    const from = this.#start + at;
    let size = 0;
    let digits = 0;
    let significant = 0;
    for (let i = from; i < from + length; i++, digits++) {
      const c = this.#buffer[i]!;
      const lower = c | 0x20;
      const digit = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
      if (digit < 0) break;
      if (size || digit) significant++;
      size = size * 16 + digit;
    }
    return digits && significant <= 13 ? size : -1;
  }

  /**
   * A chunked body, buffered whole before it is taken (offsets kept relative to the unread
   * start, which reads may move), so a body sent in one chunk, as Elasticsearch sends most
   * answers, is copied or decoded once, straight from the buffer.
   */
  async #readChunked(maxBody: number, text: boolean): Promise<Body> {
    const chunks: Array<[number, number]> = [];
    let at = 0;
    let size = 0;
    for (;;) {
      let lineLength = this.#bufferedLine(at);
      if (lineLength < 0) lineLength = await this.#lineAt(at);
      const length = this.#chunkSize(at, lineLength);
      if (length < 0) {
        const line = this.#buffer.subarray(this.#start + at, this.#start + at + lineLength);
        throw new Http1ConnectionError(`malformed chunk size: ${decoder.decode(line)}`);
      }
      at += lineLength + 2;
      if (length === 0) break;
      size += length;
      if (size > maxBody) throw new Http1BodyTooLarge(size, maxBody);
      if (this.#end - this.#start < at + length + 2) {
        await this.#ensure(at + length + 2, "the connection closed in a chunked body");
      }
      const after = this.#start + at + length;
      if (this.#buffer[after] !== 13 || this.#buffer[after + 1] !== 10) {
        throw new Http1ConnectionError("malformed chunked body");
      }
      chunks.push([at, length]);
      at += length + 2;
    }
    const trailers = at;
    for (let trailer = -1; trailer !== 0; at += trailer + 2) {
      if (at - trailers > MAX_HEAD) throw new Http1ConnectionError("the trailers are too long");
      trailer = this.#bufferedLine(at);
      if (trailer < 0) trailer = await this.#lineAt(at);
    }
    let body: Body;
    if (chunks.length === 1) body = this.#take(this.#start + chunks[0]![0], size, text);
    else {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const [from, length] of chunks) {
        bytes.set(this.#buffer.subarray(this.#start + from, this.#start + from + length), offset);
        offset += length;
      }
      body = text ? decoder.decode(bytes) : bytes;
    }
    this.#start += at;
    return body;
  }

  async #readToEnd(maxBody: number, text: boolean): Promise<Body> {
    while (await this.#fill()) {
      if (this.#end - this.#start > maxBody) {
        throw new Http1BodyTooLarge(this.#end - this.#start, maxBody);
      }
    }
    const body = this.#take(this.#start, this.#end - this.#start, text);
    this.#start = this.#end;
    return body;
  }

  /** Reads more bytes into the buffer (room for `want` unread bytes); false at end of stream. */
  async #fill(want = 0): Promise<boolean> {
    if (this.#start === this.#end) this.#start = this.#end = 0;
    const unread = this.#end - this.#start;
    const required = Math.max(want, unread + 4096);
    if (this.#buffer.length - this.#start < required) {
      if (this.#buffer.length >= required) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        const next = new Uint8Array(Math.max(required, this.#buffer.length * 2));
        next.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = next;
      }
      this.#start = 0;
      this.#end = unread;
    }
    const read = await this.raw.read(this.#buffer.subarray(this.#end));
    if (read === null) return false;
    this.#end += read;
    return true;
  }
}

/** The answer is larger than the pool accepts. */
export class Http1BodyTooLarge extends Http1ConnectionError {
  override name = "Http1BodyTooLarge";
  constructor(readonly size: number, readonly limit: number) {
    super(`the answer's body (${size} bytes) is bigger than the maximum allowed (${limit})`);
  }
}

/** `headers` as header lines; fails on a name or value holding CR or LF. */
function headerLines(headers: Readonly<Record<string, string>>): string {
  let text = "";
  for (const name in headers) {
    const value = headers[name]!;
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) {
      throw new Http1ConnectionError(`invalid header ${name}`);
    }
    text += `${name}: ${value}\r\n`;
  }
  return text;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const last = to - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
