/**
 * Reuters' feed API (Superdesk's `reuters_http`, `apps/io/feeding_services/reuters.py`): open a
 * session (`reuters_api.ts`), list the subscribed channels, ask each channel for the ids of the
 * items that changed (with the channel's poll token, else a date range since the last poll), and
 * fetch each id as NewsML G2; a package's referenced items are fetched with it. Each id is one
 * batch; a channel's new poll token is kept only once its last batch is stored, so a poll killed
 * mid-channel asks again for what was not stored; an item that is gone or unreadable is skipped
 * as a problem of its batch. The session's token is never stored, not even in a rendition's href
 * (Superdesk keeps it on the provider for 12 hours and adds it to an href only to download the
 * file into its media storage, which our ingest does not do).
 */
import type { Doc } from "../../storage/document_store.ts";
import { attr, childElement, childElements, trimmedText } from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "../parsers/feed_parser.ts";
import { configOf, failedPayload, type FeedBatch, type FeedingService } from "./feeding_service.ts";
import {
  DEFAULT_AUTH_URL,
  DEFAULT_URL,
  get,
  getXml,
  MAX_BYTES,
  openSession,
  type ReutersSession,
} from "./reuters_api.ts";

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

async function* poll(
  { provider, parser, state, signal, now }: Parameters<FeedingService["poll"]>[0],
): AsyncGenerator<FeedBatch> {
  if (!parser) throw new IngestError(2000, "reuters_http needs the newsml2 parser");
  const session = await openSession(configOf(provider), signal);
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

/**
 * The ids of `channel`'s changed items and the channel's new poll token (the old one kept when
 * nothing changed; none when the API refused the old token, so the next poll uses dates).
 */
async function changedIds(
  session: ReutersSession,
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
  session: ReutersSession,
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
