/**
 * A small IMAP4rev1 client (RFC 3501) for the email feeding service: log in, select a mailbox,
 * search by UID, fetch a whole message without marking it read (`BODY.PEEK[]`), mark a message
 * `\Seen` once it is stored, append (tests fill mailboxes with it), log out. Literals (`{n}`) are
 * read by byte count; every reply has a deadline.
 */
import { connectWithin } from "./connect_within.ts";
import { LineReader, writeAll } from "./line_reader.ts";

/** Where and how to connect. */
export interface ImapOptions {
  host: string;
  port?: number;
  /** Implicit TLS (port 993) unless false. */
  tls?: boolean;
  user: string;
  password: string;
  timeoutMs?: number;
  /** Largest message fetched, in bytes (default 32 MiB). */
  maxMessageBytes?: number;
}

/** A tagged `NO`/`BAD` answer. */
export class ImapError extends Error {
  readonly status: string;
  constructor(command: string, status: string, text: string) {
    super(`IMAP ${command} failed: ${status} ${text}`);
    this.name = "ImapError";
    this.status = status;
  }
}

/** One untagged response line, with the literals it carried. */
interface Untagged {
  line: string;
  literals: Uint8Array[];
}

/** One logged-in connection. */
export class ImapClient {
  #conn: Deno.Conn;
  #reader: LineReader;
  #tag = 0;
  #maxMessageBytes: number;

  private constructor(conn: Deno.Conn, timeoutMs: number, maxMessageBytes: number) {
    this.#conn = conn;
    this.#reader = new LineReader(conn, { timeoutMs });
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** Connects and logs in. */
  static async connect(options: ImapOptions): Promise<ImapClient> {
    const tls = options.tls ?? true;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const conn = await connectWithin(options.host, options.port ?? (tls ? 993 : 143), timeoutMs, {
      tls,
    });
    const client = new ImapClient(conn, timeoutMs, options.maxMessageBytes ?? 32 * 1024 * 1024);
    try {
      const greeting = await client.#reader.readLine();
      if (!greeting?.startsWith("* OK") && !greeting?.startsWith("* PREAUTH")) {
        throw new Error(`unexpected IMAP greeting "${greeting}"`);
      }
      await client.#run(`LOGIN ${quote(options.user)} ${quote(options.password)}`, "LOGIN");
      return client;
    } catch (error) {
      conn.close();
      throw error;
    }
  }

  /** Selects `mailbox` for reading and writing flags; returns its message count. */
  async select(mailbox: string): Promise<{ exists: number }> {
    const untagged = await this.#run(`SELECT ${quote(mailbox)}`);
    const exists = untagged.map((u) => /^\* (\d+) EXISTS/i.exec(u.line)).find(Boolean);
    return { exists: exists ? Number(exists[1]) : 0 };
  }

  /** UIDs matching `criteria` (e.g. `UNSEEN`), ascending. */
  async search(criteria: string): Promise<number[]> {
    if (/[\r\n]/.test(criteria)) throw new Error("IMAP search criteria cannot contain line breaks");
    const untagged = await this.#run(`UID SEARCH ${criteria}`);
    const uids = untagged.flatMap((u) =>
      /^\* SEARCH\b/i.test(u.line) ? u.line.slice(8).trim().split(/\s+/).filter(Boolean) : []
    );
    return uids.map(Number).sort((a, b) => a - b);
  }

  /** The whole message `uid`, without setting `\Seen`; null when it no longer exists. */
  async fetch(uid: number): Promise<Uint8Array | null> {
    const untagged = await this.#run(`UID FETCH ${uid} (BODY.PEEK[])`);
    const fetched = untagged.find((u) => /^\* \d+ FETCH/i.test(u.line) && u.literals.length);
    return fetched?.literals[0] ?? null;
  }

  /** Sets `\Seen` on message `uid`. */
  async markSeen(uid: number): Promise<void> {
    await this.#run(`UID STORE ${uid} +FLAGS.SILENT (\\Seen)`);
  }

  /** Appends `message` to `mailbox`. */
  async append(mailbox: string, message: Uint8Array): Promise<void> {
    const tag = this.#nextTag();
    await writeAll(this.#conn, `${tag} APPEND ${quote(mailbox)} {${message.length}}\r\n`);
    const go = await this.#reader.readLine();
    if (!go?.startsWith("+")) throw new ImapError("APPEND", "BAD", go ?? "connection closed");
    await writeAll(this.#conn, message);
    await writeAll(this.#conn, "\r\n");
    await this.#collect(tag, "APPEND");
  }

  /** Logs out and closes (errors on the way out are ignored). */
  async close(): Promise<void> {
    try {
      await this.#run("LOGOUT");
    } catch { /* the server may already be gone */ }
    try {
      this.#conn.close();
    } catch { /* closed */ }
  }

  async #run(command: string, shown = command): Promise<Untagged[]> {
    const tag = this.#nextTag();
    await writeAll(this.#conn, `${tag} ${command}\r\n`);
    return await this.#collect(tag, shown);
  }

  /** Reads untagged responses (with literals) until the tagged completion of `tag`. */
  async #collect(tag: string, shown: string): Promise<Untagged[]> {
    const untagged: Untagged[] = [];
    let total = 0;
    for (;;) {
      let line = await this.#reader.readLine();
      if (line === null) throw new Error(`the IMAP server closed the connection during ${shown}`);
      if (line.startsWith(`${tag} `)) {
        const [status = "", ...rest] = line.slice(tag.length + 1).split(" ");
        if (status.toUpperCase() !== "OK") throw new ImapError(shown, status, rest.join(" "));
        return untagged;
      }
      const response: Untagged = { line: "", literals: [] };
      for (;;) {
        const literal = /\{(\d+)\}$/.exec(line);
        if (!literal) break;
        const size = Number(literal[1]);
        total += size;
        if (total > this.#maxMessageBytes) {
          throw new Error(`IMAP reply larger than ${this.#maxMessageBytes} bytes`);
        }
        response.line += line;
        response.literals.push(await this.#reader.readExact(size));
        line = (await this.#reader.readLine()) ?? "";
      }
      response.line += line;
      untagged.push(response);
    }
  }

  #nextTag(): string {
    return `A${++this.#tag}`;
  }
}

/** An IMAP quoted string. */
function quote(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error("IMAP strings cannot contain line breaks");
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
