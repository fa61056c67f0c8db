/**
 * Our own connections to one standalone MongoDB-wire server (FerretDB in CI) for the document
 * store's hot commands, over `Deno.connect`: the `npm:mongodb` driver runs each command through
 * its server selection, session, operation and connection objects and Deno's `node:net`
 * emulation, which cost our process about three times the CPU of the exchange itself (see
 * README, "FerretDB round trips"). One command at a time per connection, as the driver does;
 * up to `maxConnections` connections, later commands wait for a free one.
 *
 * What it covers: plain TCP to one host of a server that is not part of a replica set
 * (`wire_target.ts` decides from the URI; the first `hello` must report a standalone server or
 * FerretDB, else `usable()` is false and the store keeps using the driver for everything).
 * Failures are the driver's error types, so the store's error mapping (503 for an outage)
 * applies unchanged: a server's `ok: 0` is a `MongoServerError`, a lost or refused connection a
 * `MongoNetworkError`.
 */
import { MongoNetworkError, MongoServerError } from "mongodb";
import { connectWithin } from "../../net/connect_within.ts";
import type { Doc } from "../document_store.ts";
import { declaredLength, decodeReply, encodeMessage, nextRequestId } from "./wire_message.ts";
import { SERVER_SELECTION_TIMEOUT_MS, wireTarget } from "./wire_target.ts";

/** Where `WirePool` connects, and its limits. */
export interface WirePoolOptions {
  hostname: string;
  port: number;
  /** Connections open at most (the driver's `maxPoolSize`, default 100). */
  maxConnections?: number;
  /**
   * How long opening a connection may take (default: the client's server selection timeout,
   * `SERVER_SELECTION_TIMEOUT_MS`).
   */
  connectTimeoutMs?: number;
  /** Called with each command before it is sent (tests count them, as driver monitoring does). */
  onCommand?: (command: Doc) => void;
}

const READ_CHUNK = 16 * 1024;

/** One connection: a command's message out, its one reply in (exported for tests). */
export class WireConn {
  readonly #conn: Deno.Conn;
  readonly #chunk = new Uint8Array(READ_CHUNK);
  /** Whether it has answered a command before (a reused connection may have been closed). */
  used = false;

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** Sends `message` and reads the one reply. */
  async exchange(message: Uint8Array): Promise<Uint8Array> {
    let written = 0;
    while (written < message.byteLength) {
      written += await this.#conn.write(message.subarray(written));
    }
    let reply: Uint8Array | undefined;
    let filled = 0;
    for (;;) {
      const target = reply ? reply.subarray(filled) : this.#chunk.subarray(filled);
      const read = await this.#conn.read(target);
      if (read === null) throw new Error("the server closed the connection");
      filled += read;
      if (!reply) {
        // The first chunk: the length is in its first 4 bytes (a reply is at least 21 bytes),
        // which may arrive in more than one read.
        if (filled < 4) continue;
        const length = declaredLength(this.#chunk);
        if (filled === length) return this.#chunk.slice(0, length);
        if (filled > length || length < 21) throw new Error("malformed reply length");
        reply = new Uint8Array(length);
        reply.set(this.#chunk.subarray(0, filled));
      }
      if (filled === reply.byteLength) return reply;
    }
  }

  close(): void {
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }
}

/** Connections to one server; see the module doc. */
export class WirePool {
  readonly #options: Required<Omit<WirePoolOptions, "onCommand">>;
  readonly #onCommand: ((command: Doc) => void) | undefined;
  readonly #idle: WireConn[] = [];
  readonly #busy = new Set<WireConn>();
  readonly #waiting: Array<{ resolve(conn: WireConn): void; reject(error: unknown): void }> = [];
  #opening = 0;
  #requestId = 0;
  /** Whether the first `hello` found a standalone server (no replica set, not a mongos). */
  #standalone: Promise<boolean> | undefined;
  /** The server's message size limit once `hello` told it (none is checked before). */
  #maxMessageBytes = Infinity;
  #usable: boolean | undefined;
  #closed = false;

  constructor(options: WirePoolOptions) {
    const { onCommand, ...connection } = options;
    this.#options = {
      maxConnections: 100,
      connectTimeoutMs: SERVER_SELECTION_TIMEOUT_MS,
      ...connection,
    };
    this.#onCommand = onCommand;
    if (this.#options.maxConnections < 1) throw new RangeError("maxConnections must be >= 1");
  }

  /** Connections open now (busy and idle). */
  get size(): number {
    return this.#idle.length + this.#busy.size + this.#opening;
  }

  /** What `usable()` found, once it has; undefined before. */
  get isUsable(): boolean | undefined {
    return this.#usable;
  }

  /**
   * Whether the server is one the pool serves (asked once; an unreachable server is an error,
   * asked again next time).
   */
  async usable(): Promise<boolean> {
    this.#standalone ??= this.#hello().catch((error) => {
      this.#standalone = undefined;
      throw error;
    });
    return this.#usable = await this.#standalone;
  }

  /**
   * Runs `command` on database `db`: the reply when `ok: 1`, else the server's error as a
   * `MongoServerError`. `retryable` commands (reads) are sent once more on a fresh connection
   * when a reused one fails before any reply (the server closed it while idle).
   */
  async command(db: string, command: Doc, { retryable = false } = {}): Promise<Doc> {
    this.#onCommand?.(command);
    const requestId = this.#requestId = nextRequestId(this.#requestId);
    const message = encodeMessage(requestId, { ...command, $db: db });
    if (message.byteLength > this.#maxMessageBytes) {
      throw new MongoServerError({
        ok: 0,
        code: 10334, // BSONObjectTooLarge
        errmsg: `command of ${message.byteLength} bytes over the server's message limit`,
      });
    }
    let conn = await this.#acquire();
    let reply: Uint8Array;
    try {
      reply = await conn.exchange(message);
    } catch (error) {
      this.#discard(conn);
      if (!retryable || !conn.used || this.#closed) throw networkError(error);
      conn = await this.#acquire(true);
      try {
        reply = await conn.exchange(message);
      } catch (again) {
        this.#discard(conn);
        throw networkError(again);
      }
    }
    conn.used = true;
    let body: Doc;
    try {
      const decoded = decodeReply(reply);
      if (decoded.responseTo !== requestId) throw new Error("a reply to another request");
      body = decoded.body;
    } catch (error) {
      this.#discard(conn);
      throw networkError(error);
    }
    this.#release(conn);
    if (body.ok !== 1) {
      throw new MongoServerError(body as ConstructorParameters<typeof MongoServerError>[0]);
    }
    return body;
  }

  /** Closes idle connections now and busy ones when their command ends; later commands fail. */
  close(): void {
    this.#closed = true;
    for (const conn of this.#idle.splice(0)) conn.close();
    for (const waiter of this.#waiting.splice(0)) waiter.reject(closedError());
  }

  async #hello(): Promise<boolean> {
    let hello: Doc;
    try {
      hello = await this.command("admin", { hello: 1 });
    } catch (error) {
      // A server without `hello` (MongoDB before 4.4.2) is left to the driver; an unreachable
      // one is an outage, asked again next time.
      if (!(error instanceof MongoServerError)) throw error;
      hello = {};
    }
    const standalone = hello.setName === undefined && hello.msg !== "isdbgrid" &&
      hello.isWritablePrimary === true && hello.hosts === undefined;
    // Not ours to serve: the driver takes every command, so the asking connection goes.
    if (!standalone) { for (const conn of this.#idle.splice(0)) conn.close(); }
    this.#maxMessageBytes = Number(hello.maxMessageSizeBytes ?? 48_000_000);
    return standalone;
  }

  /** A free connection: an idle one, a new one under the limit, or the next one released. */
  async #acquire(fresh = false): Promise<WireConn> {
    if (this.#closed) throw closedError();
    const idle = fresh ? undefined : this.#idle.pop();
    if (idle) {
      this.#busy.add(idle);
      return idle;
    }
    if (this.size >= this.#options.maxConnections) {
      return await new Promise<WireConn>((resolve, reject) => {
        this.#waiting.push({ resolve, reject });
      });
    }
    this.#opening++;
    let conn: Deno.Conn;
    try {
      conn = await connectWithin(
        this.#options.hostname,
        this.#options.port,
        this.#options.connectTimeoutMs,
      );
    } catch (error) {
      this.#opening--;
      // The slot this attempt held is free again: a command waiting for one tries in its place.
      this.#handSlotOn();
      throw networkError(error);
    }
    this.#opening--;
    const wire = new WireConn(conn);
    if (this.#closed) {
      wire.close();
      throw closedError();
    }
    this.#busy.add(wire);
    return wire;
  }

  #release(conn: WireConn): void {
    this.#busy.delete(conn);
    if (this.#closed) return conn.close();
    const waiter = this.#waiting.shift();
    if (waiter) {
      this.#busy.add(conn);
      return waiter.resolve(conn);
    }
    this.#idle.push(conn);
  }

  /** Closes a failed connection; a waiting command gets to open a new one in its place. */
  #discard(conn: WireConn): void {
    this.#busy.delete(conn);
    conn.close();
    this.#handSlotOn();
  }

  /** A connection's slot was freed without a connection to pass on: the next waiter opens one. */
  #handSlotOn(): void {
    const waiter = this.#waiting.shift();
    if (waiter) this.#acquire().then(waiter.resolve, waiter.reject);
  }
}

function networkError(error: unknown): MongoNetworkError {
  if (error instanceof MongoNetworkError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new MongoNetworkError(`connection to the document store failed: ${reason}`);
}

function closedError(): MongoNetworkError {
  return new MongoNetworkError("the document store's connections are closed");
}

/**
 * The pool for `uri` when `wire_target.ts` finds our connections can serve it, else undefined
 * (the driver serves every command).
 */
export function wirePoolFor(
  uri: string,
  options: Omit<WirePoolOptions, "hostname" | "port"> = {},
): WirePool | undefined {
  const target = wireTarget(uri);
  return target && new WirePool({ ...target, ...options });
}
