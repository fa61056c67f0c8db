/**
 * Reuters' feed API (Superdesk's `reuters_http`, `apps/io/feeding_services/reuters.py`): log in
 * at `auth_url` for a token, list the subscribed channels, ask each channel for the ids of the
 * items that changed (with the channel's poll token, else a date range since the last poll), and
 * fetch each id as NewsML G2; a package's referenced items are fetched with it. Each id is one
 * batch; a channel's new poll token is kept only once its last batch is stored, so a poll killed
 * mid-channel asks again for what was not stored; an item that is gone or unreadable is skipped
 * as a problem of its batch. The token lives for one poll and is never stored, not even in a
 * rendition's href (Superdesk keeps it on the provider for 12 hours and adds it to an href only to
 * download the file into its media storage, which our ingest does not do).
 */
import type { Doc } from "../../storage/document_store.ts";
import { attr, childElement, childElements, trimmedText } from "../../xml/xml_query.ts";
import { parseXmlBytes, type XmlElement } from "../../xml/xml_reader.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "../parsers/feed_parser.ts";
import {
  configOf,
  configString,
  failedPayload,
  type FeedBatch,
  type FeedingService,
} from "./feeding_service.ts";
import { fetchFeed } from "./http_fetch.ts";

const DEFAULT_URL = "http://rmb.reuters.com/rmd/rest/xml";
const DEFAULT_AUTH_URL = "https://commerce.reuters.com/rmd/rest/xml/login";
const TIMEOUT_MS = 30_000;
/** Largest answer read, and the most a package and its items may take together. */
const MAX_BYTES = 32 * 1024 * 1024;
/** Failures that belong to one item: not NewsML G2 (1005), too large (4003), not found (4006). */
const ITEM_FAILURES = new Set([1005, 4003, 4006]);
/** Deepest package nesting followed (a package of packages of ...). */
const MAX_DEPTH = 4;

/** The `reuters_http` feeding service. */
export const reutersService: FeedingService = {
  name: "reuters_http",
  label: "Reuters feed API",
  parsers: ["newsml2"],
  defaultParser: "newsml2",
  fields: [
    { id: "url", type: "text", label: "Feed URL", required: true, default: DEFAULT_URL },
    {
      id: "auth_url",
      type: "text",
      label: "URL for Authentication",
      required: true,
      default: DEFAULT_AUTH_URL,
    },
    { id: "username", type: "text", label: "Username", required: true },
    { id: "password", type: "password", label: "Password", required: true },
  ],
  // As Superdesk's: saving checks the parser only; credentials are tried by the first poll.
  test: () => Promise.resolve(),
  poll,
};

/** One session against the API: its base URL, token and abort signal. */
interface Session {
  url: string;
  token: string;
  signal: AbortSignal;
}

async function* poll(
  { provider, parser, state, signal, now }: Parameters<FeedingService["poll"]>[0],
): AsyncGenerator<FeedBatch> {
  if (!parser) throw new IngestError(2000, "reuters_http needs the newsml2 parser");
  const config = configOf(provider);
  const session: Session = {
    url: (configString(config, "url") ?? DEFAULT_URL).replace(/\/+$/, ""),
    token: await login(config, signal),
    signal,
  };
  const tokens = { ...(state.poll_tokens as Record<string, string | null> | undefined) };
  const channels = childElements(await getXml(session, "channels"), "channelInformation")
    .map((channel) => trimmedText(childElement(channel, "alias")))
    .filter((alias): alias is string => Boolean(alias));
  for (const channel of channels) {
    const { ids, pollToken } = await changedIds(session, channel, {
      pollToken: tokens[channel] ?? undefined,
      range: dateRange(provider, now),
    });
    const keepToken = () => {
      tokens[channel] = pollToken;
      state.poll_tokens = { ...tokens };
      return Promise.resolve();
    };
    // The poller saves the state after a batch: a new or refused token with no item comes alone.
    if (ids.length === 0 && pollToken !== (tokens[channel] ?? null)) {
      yield { name: channel, result: { items: [], problems: [] }, commit: keepToken };
    }
    for (const [index, id] of ids.entries()) {
      yield {
        name: `${channel}/${id}`,
        result: await itemWithParts(session, parser, provider, id).catch(itemFailure),
        // A failed item is recorded on the provider and skipped, as Superdesk's.
        commit: () => index === ids.length - 1 ? keepToken() : Promise.resolve(),
      };
    }
  }
}

/**
 * An item that is gone, too large or unreadable fails alone (a problem of its batch); any other
 * failure (timeout, 5xx, refused token) fails the poll, which asks for the same ids next time.
 */
function itemFailure(error: unknown): ParseResult {
  if (error instanceof IngestError && ITEM_FAILURES.has(error.code)) {
    return failedPayload(error, 4000);
  }
  throw error;
}

/** The token `auth_url` answers for the provider's credentials (4007 when refused). */
async function login(config: Doc, signal: AbortSignal): Promise<string> {
  const url = new URL(configString(config, "auth_url") ?? DEFAULT_AUTH_URL);
  url.searchParams.set("username", configString(config, "username") ?? "");
  url.searchParams.set("password", configString(config, "password") ?? "");
  const outcome = await fetchQuietly(url, { maxBytes: 65_536, signal }).catch((error) => {
    // Any refusal of the login is an authorization error, as Superdesk's.
    if (error instanceof IngestError && [4000, 4006].includes(error.code)) {
      throw new IngestError(4007, error.detail);
    }
    throw error;
  });
  const token = outcome.notModified ? undefined : trimmedText(xml(outcome.body, "login"));
  if (!token) throw new IngestError(4007, "the login answered no token");
  return token;
}

/**
 * The ids of `channel`'s changed items and the channel's new poll token (the old one kept when
 * nothing changed; none when the API refused the old token, so the next poll uses dates).
 */
async function changedIds(
  session: Session,
  channel: string,
  { pollToken, range }: { pollToken?: string; range: string },
): Promise<{ ids: string[]; pollToken: string | null }> {
  const params: Record<string, string> = { channel, fieldsRef: "id" };
  if (pollToken) params.pollToken = pollToken;
  else params.dateRange = range;
  const tree = await getXml(session, "items", params);
  const status = tree.local === "results"
    ? attr(childElement(tree, "status"), "code")
    : attr(tree, "code");
  if (status === "30") {
    const invalidToken = attr(childElement(tree, "error"), "code") === "2100";
    return { ids: [], pollToken: invalidToken ? null : pollToken ?? null };
  }
  const newToken = trimmedText(childElement(tree, "pollToken"));
  if (!newToken || newToken === pollToken) return { ids: [], pollToken: pollToken ?? null };
  const ids = childElements(tree, "result")
    .map((result) => trimmedText(childElement(result, "id")))
    .filter((id): id is string => Boolean(id));
  return { ids: [...new Set(ids)], pollToken: newToken };
}

/**
 * Item `id` and, for a package, the items it references (fetched by their ids), at most
 * `MAX_BYTES` in all: a package of many large items is one too-large item (4003), not a poll
 * holding them all in memory.
 */
async function itemWithParts(
  session: Session,
  parser: FeedParser,
  provider: Doc,
  id: string,
): Promise<ParseResult> {
  const result: ParseResult = { items: [], problems: [] };
  const seen = new Set<string>();
  let budget = MAX_BYTES;
  const fetchOne = async (itemId: string, depth: number) => {
    if (seen.has(itemId) || depth > MAX_DEPTH) return;
    seen.add(itemId);
    const body = await get(session, "item", { params: { id: itemId }, maxBytes: budget }).catch(
      (error) => {
        if (!(error instanceof IngestError) || error.code !== 4003) throw error;
        throw new IngestError(4003, `item ${id} and its parts are larger than ${MAX_BYTES} bytes`);
      },
    );
    budget -= body.length;
    const parsed = parser.parse(body, {
      source: typeof provider.source === "string" ? provider.source : undefined,
      config: configOf(provider),
      name: itemId,
    });
    result.problems.push(...parsed.problems);
    for (const item of parsed.items) {
      for (const ref of refs(item)) await fetchOne(ref, depth + 1);
    }
    result.items.push(...parsed.items);
  };
  await fetchOne(id, 0);
  return result;
}

/** The ids a package's groups reference. */
function refs(item: Doc): string[] {
  const groups = Array.isArray(item.groups) ? item.groups as Doc[] : [];
  return groups.flatMap((group) => Array.isArray(group.refs) ? group.refs as Doc[] : [])
    .map((ref) => ref.residRef)
    .filter((ref): ref is string => typeof ref === "string" && ref !== "");
}

/** `from-to` in Reuters' `YYYY.MM.DD.HH.mm` (UTC): since the last poll, at most the expiry. */
function dateRange(provider: Doc, now: Date): string {
  const minutes = typeof provider.content_expiry === "number" && provider.content_expiry > 0
    ? provider.content_expiry
    : 2880;
  const oldest = now.getTime() - minutes * 60_000;
  const last = provider.last_updated instanceof Date ? provider.last_updated.getTime() : 0;
  return `${reutersDate(new Date(Math.max(last, oldest)))}-${reutersDate(now)}`;
}

function reutersDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}.${two(date.getUTCMonth() + 1)}.${two(date.getUTCDate())}.${
    two(date.getUTCHours())
  }.${two(date.getUTCMinutes())}`;
}

async function getXml(
  session: Session,
  endpoint: string,
  params: Record<string, string> = {},
): Promise<XmlElement> {
  return xml(await get(session, endpoint, { params }), endpoint);
}

async function get(
  session: Session,
  endpoint: string,
  { params = {}, maxBytes = MAX_BYTES }: { params?: Record<string, string>; maxBytes?: number } =
    {},
): Promise<Uint8Array> {
  const url = new URL(`${session.url}/${endpoint}`);
  for (const [key, value] of Object.entries({ ...params, token: session.token })) {
    url.searchParams.set(key, value);
  }
  const outcome = await fetchQuietly(url, { maxBytes, signal: session.signal });
  if (outcome.notModified) throw new IngestError(4000, `${endpoint}: unexpected 304`);
  return outcome.body;
}

/** GETs `url`; failures name it without its query, which holds the token or the password. */
async function fetchQuietly(url: URL, options: { maxBytes: number; signal: AbortSignal }) {
  try {
    return await fetchFeed(url.href, { timeoutMs: TIMEOUT_MS, ...options });
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    const shown = `${url.origin}${url.pathname}`;
    throw new IngestError(error.code, error.detail.replaceAll(url.href, shown));
  }
}

function xml(body: Uint8Array, what: string): XmlElement {
  try {
    return parseXmlBytes(body);
  } catch (error) {
    throw new IngestError(4005, `${what}: ${(error as Error).message}`, { cause: error });
  }
}
