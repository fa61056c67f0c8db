/**
 * A small RFC 5322 / MIME reader for ingested mail: headers (unfolded, RFC 2047 encoded words
 * decoded), multipart bodies split by boundary (nested), base64 and quoted-printable transfer
 * encodings, text decoded by its charset. Bytes are carried as Latin-1 strings (one character per
 * byte) until a part's text is decoded, so nothing is lost on the way.
 */

/** One MIME entity: a leaf with content, or a multipart with parts. */
export interface MimePart {
  headers: Map<string, string>;
  /** `type/subtype`, lower case (`text/plain` when absent). */
  contentType: string;
  params: Record<string, string>;
  /** The decoded body bytes of a leaf. */
  content: Uint8Array;
  parts: MimePart[];
}

const LATIN1 = new TextDecoder("latin1");

/** Parses a whole message. */
export function parseMimeMessage(bytes: Uint8Array): MimePart {
  return parseEntity(LATIN1.decode(bytes), 0);
}

/** A header value by (case-insensitive) name, with encoded words decoded. */
export function header(part: MimePart, name: string): string | undefined {
  const raw = part.headers.get(name.toLowerCase());
  return raw === undefined ? undefined : decodeWords(raw);
}

/** Every leaf of `part`, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

/** A leaf's text, decoded with its charset (UTF-8 when unknown or unsupported). */
export function partText(part: MimePart): string {
  return decodeCharset(part.content, part.params.charset);
}

function parseEntity(raw: string, depth: number): MimePart {
  if (depth > 20) throw new Error("MIME parts nested too deeply");
  const split = /\r?\n\r?\n/.exec(raw);
  const head = split ? raw.slice(0, split.index) : raw;
  const body = split ? raw.slice(split.index + split[0].length) : "";
  const headers = parseHeaders(head);
  const [contentType, params] = parseContentType(headers.get("content-type"));
  const part: MimePart = { headers, contentType, params, content: new Uint8Array(), parts: [] };
  if (contentType.startsWith("multipart/") && params.boundary) {
    part.parts = splitMultipart(body, params.boundary).map((raw) => parseEntity(raw, depth + 1));
  } else {
    part.content = decodeTransfer(body, headers.get("content-transfer-encoding"));
  }
  return part;
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function parseContentType(value: string | undefined): [string, Record<string, string>] {
  if (!value) return ["text/plain", {}];
  const [type, ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim().replace(
      /^"(.*)"$/,
      "$1",
    );
  }
  return [type!.trim().toLowerCase() || "text/plain", params];
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join("\r\n"));
      if (line.startsWith(`${delimiter}--`)) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join("\r\n"));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Uint8Array {
  switch (encoding?.trim().toLowerCase()) {
    case "base64":
      return base64Bytes(body);
    case "quoted-printable":
      return latin1Bytes(
        body.replace(/=\r?\n/g, "").replace(
          /=([0-9A-Fa-f]{2})/g,
          (_, hex) => String.fromCharCode(parseInt(hex, 16)),
        ),
      );
    default:
      return latin1Bytes(body);
  }
}

/** RFC 2047 `=?charset?B|Q?text?=` words decoded (adjacent words joined without space). */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_, charset: string, kind: string, text: string) => {
      const bytes = kind.toUpperCase() === "B" ? base64Bytes(text) : latin1Bytes(
        text.replaceAll("_", " ").replace(
          /=([0-9A-Fa-f]{2})/g,
          (_m, hex) => String.fromCharCode(parseInt(hex, 16)),
        ),
      );
      return decodeCharset(bytes, charset);
    },
  );
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.trim() || "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, "");
  const padded = clean + "===".slice((clean.length + 3) % 4);
  try {
    return latin1Bytes(atob(padded));
  } catch {
    throw new Error("bad base64 content");
  }
}

function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
