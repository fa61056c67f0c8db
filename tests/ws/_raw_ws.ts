/**
 * A hand-made WebSocket client over raw TCP, for what a browser client cannot do: send an
 * exact handshake (header case, no token), read the HTTP refusal, and stop reading after the
 * handshake to act as a slow client. It parses the server's (unmasked) frames when asked.
 */

/** The handshake outcome: status, head, and the connection with bytes read past the head. */
export interface RawHandshake {
  status: number;
  head: string;
  conn: Deno.TcpConn;
  rest: Uint8Array;
}

/** Sends an upgrade request for `path` with `headers` and reads the response head. */
export async function rawHandshake(
  port: number,
  path: string,
  { headers = {} }: { headers?: Record<string, string> } = {},
): Promise<RawHandshake> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...Object.entries({ Upgrade: "websocket", ...headers }).map(([k, v]) => `${k}: ${v}`),
  ];
  await conn.write(new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
  let data: Uint8Array = new Uint8Array(0);
  const chunk = new Uint8Array(4096);
  while (true) {
    const end = indexOfHeadEnd(data);
    if (end >= 0) {
      const head = new TextDecoder().decode(data.subarray(0, end));
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      return { status, head, conn, rest: data.subarray(end + 4) };
    }
    const n = await conn.read(chunk);
    if (n === null) throw new Error("connection closed during the handshake");
    data = concat(data, chunk.subarray(0, n));
  }
}

/** Reads until the response body of `content-length` bytes is complete and decodes it. */
export async function readBody(handshake: RawHandshake): Promise<string> {
  const length = Number(/content-length: (\d+)/i.exec(handshake.head)?.[1] ?? 0);
  let data: Uint8Array = handshake.rest;
  const chunk = new Uint8Array(4096);
  while (data.length < length) {
    const n = await handshake.conn.read(chunk);
    if (n === null) break;
    data = concat(data, chunk.subarray(0, n));
  }
  return new TextDecoder().decode(data.subarray(0, length));
}

/** Reads frames until a close frame; returns its code and how many text frames came before. */
export async function readUntilClose(
  handshake: RawHandshake,
): Promise<{ code: number; texts: number }> {
  let data: Uint8Array = handshake.rest;
  let texts = 0;
  const chunk = new Uint8Array(256 * 1024);
  while (true) {
    const frame = parseFrame(data);
    if (frame) {
      if (frame.opcode === 0x8) {
        return { code: (frame.payload[0]! << 8) | frame.payload[1]!, texts };
      }
      if (frame.opcode === 0x1) texts += 1;
      data = data.subarray(frame.size);
      continue;
    }
    const n = await handshake.conn.read(chunk);
    if (n === null) throw new Error("connection closed without a close frame");
    data = concat(data, chunk.subarray(0, n));
  }
}

function parseFrame(
  data: Uint8Array,
): { opcode: number; payload: Uint8Array; size: number } | undefined {
  if (data.length < 2) return undefined;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = (data[2]! << 8) | data[3]!;
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(new DataView(data.buffer, data.byteOffset + 2, 8).getBigUint64(0));
    offset = 10;
  }
  if (data.length < offset + length) return undefined;
  return {
    opcode: data[0]! & 0x0f,
    payload: data.subarray(offset, offset + length),
    size: offset + length,
  };
}

function indexOfHeadEnd(data: Uint8Array): number {
  for (let i = 0; i + 3 < data.length; i++) {
    if (data[i] === 13 && data[i + 1] === 10 && data[i + 2] === 13 && data[i + 3] === 10) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
