/**
 * A small FTP client (RFC 959 with RFC 2428 EPSV and RFC 3659 MLSD) for the FTP feeding service
 * and the FTP transmitter: log in, list a directory with modification times, retrieve, store,
 * rename, delete, make and remove directories, binary passive transfers only. The data connection
 * always goes to the control connection's host (a PASV reply's address is ignored), so a server
 * cannot point us elsewhere. Every reply has a deadline.
 */
import { connectWithin } from "./connect_within.ts";
import { LineReader, writeAll } from "./line_reader.ts";

/** Where and how to connect. */
export interface FtpOptions {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  timeoutMs?: number;
  /** Largest file retrieved, in bytes (default 64 MiB). */
  maxFileBytes?: number;
}

/** A directory entry. */
export interface FtpEntry {
  name: string;
  type: "file" | "dir" | "other";
  size?: number;
  modify?: Date;
}

/** A reply the server gave that the command did not expect. */
export class FtpReplyError extends Error {
  readonly code: number;
  constructor(command: string, code: number, text: string) {
    super(`FTP ${command} failed: ${code} ${text}`);
    this.name = "FtpReplyError";
    this.code = code;
  }
}

type Settings = Required<Omit<FtpOptions, "user" | "password">>;

interface Reply {
  code: number;
  text: string;
}

/** One logged-in control connection. */
export class FtpClient {
  #conn: Deno.Conn;
  #reader: LineReader;
  #options: Settings;
  #mlsd = true;
  #data: Deno.Conn | undefined;

  private constructor(conn: Deno.Conn, options: Settings) {
    this.#conn = conn;
    this.#options = options;
    this.#reader = new LineReader(conn, { timeoutMs: options.timeoutMs });
  }

  /** Connects and logs in (anonymous without a user). */
  static async connect(options: FtpOptions): Promise<FtpClient> {
    const settings = {
      host: options.host,
      port: options.port ?? 21,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxFileBytes: options.maxFileBytes ?? 64 * 1024 * 1024,
    };
    const conn = await connectWithin(settings.host, settings.port, settings.timeoutMs);
    const client = new FtpClient(conn, settings);
    try {
      await client.#expect("greeting", await client.#reply(), [220]);
      const user = await client.#command(`USER ${options.user || "anonymous"}`, [230, 331]);
      if (user.code === 331) await client.#command(`PASS ${options.password ?? ""}`, [230, 202]);
      await client.#command("TYPE I", [200]);
      return client;
    } catch (error) {
      client.#conn.close();
      throw error;
    }
  }

  /** The entries of `path` (the current directory by default), files and directories. */
  async list(path = ""): Promise<FtpEntry[]> {
    if (this.#mlsd) {
      try {
        const text = new TextDecoder().decode(await this.#transfer(`MLSD${arg(path)}`));
        return text.split(/\r?\n/).filter(Boolean).map(parseMlsdLine);
      } catch (error) {
        if (!(error instanceof FtpReplyError) || error.code < 500) throw error;
        this.#mlsd = false;
      }
    }
    const names = new TextDecoder().decode(await this.#transfer(`NLST${arg(path)}`));
    return names.split(/\r?\n/).filter(Boolean).map((name) => ({
      name: name.split("/").pop()!,
      type: "file",
    }));
  }

  /** The bytes of the file at `path`. */
  retrieve(path: string): Promise<Uint8Array> {
    return this.#transfer(`RETR ${path}`);
  }

  /** Writes `data` (bytes, or a stream of them sent as they come) to `path`. */
  async store(path: string, data: Uint8Array | ReadableStream<Uint8Array>): Promise<void> {
    await this.#transfer(`STOR ${path}`, data);
  }

  /** Renames (moves) `from` to `to`. */
  async rename(from: string, to: string): Promise<void> {
    await this.#command(`RNFR ${from}`, [350]);
    await this.#command(`RNTO ${to}`, [250]);
  }

  /** Deletes the file at `path`. */
  async delete(path: string): Promise<void> {
    await this.#command(`DELE ${path}`, [250]);
  }

  /** Removes the empty directory `path`. */
  async removeDir(path: string): Promise<void> {
    await this.#command(`RMD ${path}`, [250]);
  }

  /** Makes `path` and each missing directory above it (`a`, `a/b`, `a/b/c`). */
  async ensurePath(path: string): Promise<void> {
    const parts = path.split("/").filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth++) {
      await this.ensureDir(parts.slice(0, depth).join("/"));
    }
  }

  /** Makes directory `path`; an existing directory is not an error. */
  async ensureDir(path: string): Promise<void> {
    const reply = await this.#send(`MKD ${path}`);
    if (reply.code === 257) return;
    const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const entries = await this.list(parent);
    const name = path.split("/").pop();
    if (!entries.some((entry) => entry.name === name && entry.type === "dir")) {
      throw new FtpReplyError(`MKD ${path}`, reply.code, reply.text);
    }
  }

  /** Cuts the connections at once: a command or transfer under way fails. */
  abort(): void {
    for (const conn of [this.#conn, this.#data]) {
      try {
        conn?.close();
      } catch { /* closed */ }
    }
  }

  /** Says goodbye and closes the connection (errors on the way out are ignored). */
  async close(): Promise<void> {
    try {
      await this.#send("QUIT");
    } catch { /* the server may already be gone */ }
    try {
      this.#conn.close();
    } catch { /* closed */ }
  }

  /** A passive data transfer: download (no `upload`) or upload. */
  async #transfer(
    command: string,
    upload?: Uint8Array | ReadableStream<Uint8Array>,
  ): Promise<Uint8Array> {
    const port = await this.#passivePort();
    const data = await connectWithin(this.#options.host, port, this.#options.timeoutMs);
    this.#data = data;
    try {
      await this.#command(command, [125, 150]);
      let received: Uint8Array = new Uint8Array();
      if (upload) {
        if (upload instanceof Uint8Array) await writeAll(data, upload);
        else for await (const chunk of upload) await writeAll(data, chunk);
        data.close();
      } else {
        received = await new LineReader(data, { timeoutMs: this.#options.timeoutMs })
          .readAll(this.#options.maxFileBytes);
      }
      await this.#expect(command, await this.#reply(), [226, 250]);
      return received;
    } finally {
      this.#data = undefined;
      try {
        data.close();
      } catch { /* closed */ }
    }
  }

  async #passivePort(): Promise<number> {
    const epsv = await this.#send("EPSV");
    if (epsv.code === 229) {
      const port = /\(\|\|\|(\d+)\|\)/.exec(epsv.text)?.[1];
      if (port) return Number(port);
    }
    const pasv = await this.#command("PASV", [227]);
    const parts = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(pasv.text);
    if (!parts) throw new FtpReplyError("PASV", pasv.code, pasv.text);
    return Number(parts[5]) * 256 + Number(parts[6]);
  }

  async #command(command: string, expected: number[]): Promise<Reply> {
    return this.#expect(command, await this.#send(command), expected);
  }

  async #send(command: string): Promise<Reply> {
    if (/[\r\n]/.test(command)) throw new Error("FTP arguments cannot contain line breaks");
    await writeAll(this.#conn, `${command}\r\n`);
    return await this.#reply();
  }

  #expect(command: string, reply: Reply, expected: number[]): Reply {
    if (!expected.includes(reply.code)) {
      const shown = command.startsWith("PASS ") ? "PASS" : command;
      throw new FtpReplyError(shown, reply.code, reply.text);
    }
    return reply;
  }

  /** One reply, multi-line replies (`123-` … `123 `) included. */
  async #reply(): Promise<Reply> {
    const first = await this.#reader.readLine();
    if (first === null) throw new Error("the FTP server closed the connection");
    const code = Number(first.slice(0, 3));
    if (!Number.isInteger(code)) throw new Error(`unexpected FTP reply "${first}"`);
    const lines = [first.slice(4)];
    if (first[3] === "-") {
      for (;;) {
        const line = await this.#reader.readLine();
        if (line === null) throw new Error("the FTP server closed the connection");
        if (line.startsWith(`${code} `)) {
          lines.push(line.slice(4));
          break;
        }
        lines.push(line);
      }
    }
    return { code, text: lines.join("\n") };
  }
}

/** `type=file;size=12;modify=20260106093000; name` into an entry. */
function parseMlsdLine(line: string): FtpEntry {
  const space = line.indexOf(" ");
  const facts = new Map(
    line.slice(0, space).split(";").filter(Boolean).map((fact) => {
      const [key, value = ""] = fact.split("=");
      return [key!.toLowerCase(), value] as const;
    }),
  );
  const type = facts.get("type")?.toLowerCase();
  const entry: FtpEntry = {
    name: line.slice(space + 1),
    type: type === "file" ? "file" : type === "dir" ? "dir" : "other",
  };
  if (facts.has("size")) entry.size = Number(facts.get("size"));
  const modify = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(facts.get("modify") ?? "");
  if (modify) {
    const [, y, mo, d, h, mi, s] = modify.map(Number);
    entry.modify = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  }
  return entry;
}

function arg(path: string): string {
  return path ? ` ${path}` : "";
}
