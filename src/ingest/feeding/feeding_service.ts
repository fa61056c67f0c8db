/**
 * The feeding-service contract (Superdesk's `FeedingService`): where items come from. A poll
 * yields batches, one per payload (a feed page, a file, a mail); the poller stores a batch's items
 * and only then calls `commit`, which acknowledges the payload at its source (saves the feed's
 * ETag, moves or deletes the file, marks the mail read). A poll killed between the two sees the
 * payload again next time, and deduplication by guid and version makes that harmless: nothing is
 * lost and nothing is doubled.
 */
import type { Logger } from "../../log.ts";
import type { Network } from "../../net/address_policy.ts";
import type { Doc } from "../../storage/document_store.ts";
import { asIngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "../parsers/feed_parser.ts";

/** A configuration field, as Superdesk describes it to the client's provider form. */
export interface FeedingField {
  id: string;
  type: "text" | "password" | "boolean" | "mapping" | "choices";
  label: string;
  required?: boolean;
  placeholder?: string;
  default?: unknown;
  show_expression?: string;
  [extra: string]: unknown;
}

/** What a poll works with. */
export interface PollContext {
  /** The provider as stored (config, `private` state, last update times). */
  provider: Doc;
  /** The provider's parser; undefined for services that parse their own format. */
  parser?: FeedParser;
  /** The provider's `private` state; services change it, the poller saves it. */
  state: Doc;
  signal: AbortSignal;
  log: Logger;
  now: Date;
  /**
   * Networks a URL named by a feed's content (a next page's link) may reach although not public
   * (`INGEST_CONTENT_URL_ALLOWED_NETWORKS`); none when omitted.
   */
  contentNetworks?: readonly Network[];
}

/** Items from one payload, and how to acknowledge it once they are stored. */
export interface FeedBatch {
  /** The payload's name for logs and problems (URL, file, message uid). */
  name: string;
  result: ParseResult;
  /** Acknowledges the payload; `failed` when it could not be parsed or stored. */
  commit(failed: boolean): Promise<void>;
}

/** A registered feeding service. */
export interface FeedingService {
  /** Superdesk's registry name (`rss`, `http`, `ftp`, `file`, `email`). */
  name: string;
  label: string;
  fields: readonly FeedingField[];
  /** Parsers it accepts; null when it parses its own format and takes none. */
  parsers: readonly string[] | null;
  /** The parser used when the provider names none. */
  defaultParser?: string;
  /** Checks that the configuration works (connects, lists, fetches); throws an IngestError. */
  test(provider: Doc, parser: FeedParser | undefined): Promise<void>;
  /** The batches available now, in source order. */
  poll(context: PollContext): AsyncGenerator<FeedBatch>;
}

/** The provider's `config`, never undefined. */
export function configOf(provider: Doc): Doc {
  const config = provider.config;
  return config && typeof config === "object" ? config as Doc : {};
}

/** A config value as a trimmed string, or undefined when empty. */
export function configString(config: Doc, key: string): string | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** The parse result of a payload that could not be read at all. */
export function failedPayload(problem: unknown, code: number): ParseResult {
  return { items: [], problems: [asIngestError(problem, code)] };
}
