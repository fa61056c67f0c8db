/**
 * The feed-parser contract (Superdesk's `FeedParser`): one payload in (a file, an HTTP body, a
 * mail), items out in Superdesk's item shape. A payload that cannot be read at all throws an
 * `IngestError`; a single bad item inside a readable payload is reported in `problems` and the
 * other items still come out, so one malformed entry never stops a feed.
 */
import type { Doc } from "../../storage/document_store.ts";
import { asIngestError, type IngestError } from "../ingest_error.ts";

/** What a parser may use besides the payload. */
export interface ParseContext {
  /** The provider's `source` (RSS datelines and links). */
  source?: string;
  /** The provider's `config` (field aliases, formatted email). */
  config?: Doc;
  /** The payload's name (file name, URL), for messages. */
  name?: string;
  /** "Now", for items that carry no date. */
  now?: Date;
}

/** Items parsed from one payload, and the items that could not be. */
export interface ParseResult {
  items: Doc[];
  problems: IngestError[];
}

/** A registered parser. */
export interface FeedParser {
  /** Superdesk's registry name (`newsml2`, `ninjs`, `nitf`, `anpa1312`, `rss`...). */
  name: string;
  label: string;
  /** File extensions it reads from directories (FTP, local folder). */
  extensions: readonly string[];
  parse(payload: Uint8Array, context: ParseContext): ParseResult;
}

/**
 * Parses each of `entries` with `parseOne`, collecting the failures as problems with `code`
 * instead of letting one entry stop the others.
 */
export function parseEach<T>(
  entries: readonly T[],
  code: number,
  parseOne: (entry: T, index: number) => Doc | Doc[],
): ParseResult {
  const result: ParseResult = { items: [], problems: [] };
  entries.forEach((entry, index) => {
    try {
      const parsed = parseOne(entry, index);
      result.items.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch (error) {
      result.problems.push(asIngestError(error, code));
    }
  });
  return result;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const LATIN1 = new TextDecoder("latin1");

/** The payload as text: UTF-8 when valid, else Latin-1 (old agency files). */
export function decodeText(payload: Uint8Array): string {
  try {
    return UTF8.decode(payload);
  } catch {
    return LATIN1.decode(payload);
  }
}
