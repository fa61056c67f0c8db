/**
 * Real destinations for the transmitter and publishing tests: an HTTP receiver of ours (a
 * `Deno.serve` on loopback recording every request, answering with a programmable status), an
 * FTP reader over the FTP_URL server (our FTP client), and an IMAP reader over the IMAP_URL server (GreenMail),
 * all on loopback.
 */
import { FtpClient } from "../../src/net/ftp_client.ts";

/** One request the HTTP receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP receiver; `status` decides the answer to each request (201 by default). */
export interface HttpReceiver {
  url: string;
  /** Requests answered with a 2xx (what the destination accepted). */
  received: Received[];
  /** Every request that arrived, held or refused ones included. */
  arrivals: Received[];
  /** From now on, requests wait unanswered until `release()` (a slow destination). */
  hold(): void;
  /** Answers the held requests and stops holding. */
  release(): void;
  /** Requests by `Idempotency-Key`, counting repeats. */
  keys(): Map<string, number>;
  status: (request: Received) => number;
  /** Resolves once `predicate` holds for the received list (checked after each request). */
  until(predicate: (received: Received[]) => boolean): Promise<void>;
  /** Resolves once `predicate` holds for the arrivals (checked after each request). */
  untilArrived(predicate: (arrivals: Received[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export function startHttpReceiver(): HttpReceiver {
  const received: Received[] = [];
  const arrivals: Received[] = [];
  let gate: PromiseWithResolvers<void> | undefined;
  const waiters: Array<{ predicate: (r: Received[]) => boolean; resolve: () => void }> = [];
  const receiver: HttpReceiver = {
    url: "",
    received,
    arrivals,
    hold() {
      gate ??= Promise.withResolvers<void>();
    },
    release() {
      gate?.resolve();
      gate = undefined;
    },
    status: () => 201,
    keys() {
      const counts = new Map<string, number>();
      for (const request of received) {
        const key = request.headers["idempotency-key"] ?? "";
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    until(predicate) {
      if (predicate(received)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    untilArrived(predicate) {
      if (predicate(arrivals)) return Promise.resolve();
      return new Promise((resolve) =>
        waiters.push({ predicate: () => predicate(arrivals), resolve })
      );
    },
    close: () => {
      gate?.resolve();
      return server.shutdown();
    },
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const entry: Received = {
      method: request.method,
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    };
    arrivals.push(entry);
    wake();
    if (gate) await gate.promise;
    const status = receiver.status(entry);
    if (status < 300) received.push(entry);
    wake();
    return new Response(JSON.stringify({ status }), { status });
  });
  function wake() {
    for (const waiter of [...waiters]) {
      if (waiter.predicate(received)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
  receiver.url = `http://127.0.0.1:${server.addr.port}`;
  return receiver;
}

/** The FTP login of an `ftp://user:password@host:port/` URL, as a destination config. */
export function ftpConfig(url: string, path: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 21),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    path,
    passive: true,
  };
}

/** A logged-in client of our FTP client for the server of `url`. */
function ftpLogin(url: string): Promise<FtpClient> {
  const config = ftpConfig(url, "");
  return FtpClient.connect({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    timeoutMs: 10_000,
  });
}

/** The files in `path` on the FTP server and their contents. */
export async function ftpFiles(url: string, path: string): Promise<Map<string, string>> {
  const client = await ftpLogin(url);
  try {
    const files = new Map<string, string>();
    let listing;
    try {
      listing = await client.list(path);
    } catch {
      return files;
    }
    for (const file of listing) {
      if (file.type !== "file") continue;
      const bytes = await client.retrieve(`${path}/${file.name}`);
      files.set(file.name, new TextDecoder().decode(bytes));
    }
    return files;
  } finally {
    await client.close();
  }
}

/** Removes `path` and the files in it from the FTP server (test clean-up). */
export async function ftpRemoveDir(url: string, path: string): Promise<void> {
  const client = await ftpLogin(url);
  try {
    for (const entry of await client.list(path).catch(() => [])) {
      if (entry.type === "file") await client.delete(`${path}/${entry.name}`);
    }
    await client.removeDir(path).catch(() => {});
  } finally {
    await client.close();
  }
}

/**
 * The `Subject` and `Message-ID` headers of every message in `user`'s IMAP INBOX, and the raw
 * answer holding those headers and the message's text (as sent: quoted-printable undone only
 * by the reader).
 */
export async function imapInbox(
  url: string,
  user: string,
): Promise<Array<{ subject: string; messageId: string; raw: string }>> {
  const parsed = new URL(url);
  const connection = await Deno.connect({
    hostname: parsed.hostname,
    port: Number(parsed.port || 143),
  });
  const reader = connection.readable.getReader();
  const writer = connection.writable.getWriter();
  let buffer = "";
  const decoder = new TextDecoder();
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(buffer)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`IMAP connection closed; got: ${buffer.slice(-200)}`);
      buffer += decoder.decode(value, { stream: true });
    }
    const text = buffer;
    buffer = "";
    return text;
  };
  const command = async (tag: string, text: string) => {
    await writer.write(new TextEncoder().encode(`${tag} ${text}\r\n`));
    const answer = await readUntil(new RegExp(`^${tag} (OK|NO|BAD)`, "m"));
    if (!new RegExp(`^${tag} OK`, "m").test(answer)) throw new Error(`IMAP ${text}: ${answer}`);
    return answer;
  };
  try {
    await readUntil(/^\* OK/m);
    await command("a1", `LOGIN ${user} secret`);
    const selected = await command("a2", "SELECT INBOX");
    const exists = Number(/\* (\d+) EXISTS/.exec(selected)?.[1] ?? 0);
    if (exists === 0) return [];
    const fetched = await command(
      "a3",
      "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)] BODY.PEEK[TEXT])",
    );
    const messages = fetched.split(/^\* \d+ FETCH/m).slice(1);
    return messages.map((raw) => ({
      subject: /^Subject: (.*)$/mi.exec(raw)?.[1]?.trim() ?? "",
      messageId: /^Message-ID: (.*)$/mi.exec(raw)?.[1]?.trim() ?? "",
      raw,
    }));
  } finally {
    await command("a9", "LOGOUT").catch(() => {});
    connection.close();
  }
}
