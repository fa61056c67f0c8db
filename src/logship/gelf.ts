/**
 * GELF 1.1 (Graylog Extended Log Format) from our JSON log records, and its UDP chunking: a
 * message larger than one datagram is cut into chunks with the GELF chunk header (magic
 * `0x1e 0x0f`, an 8-byte message id, sequence number and count), at most 128 of them.
 */

/** Syslog severities of our levels. */
const SYSLOG_LEVEL: Record<string, number> = { debug: 7, info: 6, warn: 4, error: 3 };

/** Payload bytes per datagram, as Graylog's own senders use (fits common MTUs via IP fragments). */
export const GELF_CHUNK_SIZE = 8192;
const HEADER = 12;
const MAX_CHUNKS = 128;

/** The GELF message of one log line (a JSON record from `src/log.ts`). */
export function toGelf(line: string, host: string): Record<string, unknown> {
  const { level, time, msg, ...fields } = parsed(line);
  const gelf: Record<string, unknown> = {
    version: "1.1",
    host,
    short_message: typeof msg === "string" && msg !== "" ? msg : "(no message)",
    timestamp: (Date.parse(String(time)) || Date.now()) / 1000,
    level: SYSLOG_LEVEL[String(level)] ?? 6,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    let name = `_${key.replace(/[^\w.-]/g, "_")}`;
    if (name === "_id") name = "__id";
    gelf[name] = typeof value === "number" || typeof value === "string"
      ? value
      : JSON.stringify(value);
  }
  const stack = (fields.error as { stack?: unknown } | undefined)?.stack;
  if (typeof stack === "string") gelf.full_message = stack;
  return gelf;
}

function parsed(line: string): Record<string, unknown> {
  try {
    const record = JSON.parse(line);
    if (record && typeof record === "object" && !Array.isArray(record)) return record;
  } catch {
    // Not a record: sent as the message.
  }
  return { msg: line };
}

/** The datagrams carrying `message`: itself when small, else GELF chunks; none when too big. */
export function gelfDatagrams(message: Uint8Array): Uint8Array[] {
  if (message.length <= GELF_CHUNK_SIZE) return [message];
  const body = GELF_CHUNK_SIZE - HEADER;
  const count = Math.ceil(message.length / body);
  if (count > MAX_CHUNKS) return [];
  const id = crypto.getRandomValues(new Uint8Array(8));
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = message.subarray(i * body, (i + 1) * body);
    const chunk = new Uint8Array(HEADER + part.length);
    chunk.set([0x1e, 0x0f], 0);
    chunk.set(id, 2);
    chunk[10] = i;
    chunk[11] = count;
    chunk.set(part, HEADER);
    chunks.push(chunk);
  }
  return chunks;
}
