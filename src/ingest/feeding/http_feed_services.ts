/**
 * The HTTP feeding services. `rss` polls an RSS/Atom feed (Superdesk's RSSFeedingService,
 * `superdesk/io/feeding_services/rss.py`); `http` polls an HTTP API or file with the provider's
 * parser (NINJS by default) and follows an API page's `_links.next`. Both use conditional GET:
 * the feed's `ETag` and `Last-Modified` are kept in the provider's private state and saved only
 * after the items of the response are stored, so an unchanged feed costs one 304 and a poll
 * killed mid-way fetches the feed again.
 */
import type { Doc } from "../../storage/document_store.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser } from "../parsers/feed_parser.ts";
import { rssParser } from "../parsers/rss_parser.ts";
import {
  configOf,
  configString,
  failedPayload,
  type FeedBatch,
  type FeedingField,
  type FeedingService,
  type PollContext,
} from "./feeding_service.ts";
import { contentUrlCheck, ContentUrlRefused } from "./content_url_check.ts";
import { fetchFeed } from "./http_fetch.ts";

const TIMEOUT_MS = 30_000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_PAGES = 50;

const AUTH_FIELDS: FeedingField[] = [
  { id: "auth_required", type: "boolean", label: "Requires Authentication", required: false },
  {
    id: "username",
    type: "text",
    label: "Username",
    placeholder: "Username",
    show_expression: "provider.config.auth_required === true",
  },
  {
    id: "password",
    type: "password",
    label: "Password",
    placeholder: "Password",
    show_expression: "provider.config.auth_required === true",
  },
];

/** RSS/Atom over HTTP. */
export const rssService: FeedingService = {
  name: "rss",
  label: "RSS/Atom",
  parsers: null,
  fields: [
    { id: "url", type: "text", label: "Host", placeholder: "RSS Feed URL", required: true },
    ...AUTH_FIELDS,
    {
      id: "field_aliases",
      type: "mapping",
      label: "Content Field Aliases",
      first_field_options: {
        label: "Content Field Name",
        values: ["body_text", "guid", "published_parsed", "summary", "title", "updated_parsed"],
      },
    },
  ],
  async test(provider) {
    const { body } = await firstPage(provider, {});
    if (body) parseWith(rssParser, provider, body, "test", true);
  },
  poll(context) {
    return pollPages(context, rssParser, { paginate: false, newerOnly: true });
  },
};

/** An HTTP API or file parsed by the provider's parser; JSON pages may link the next page. */
export const httpService: FeedingService = {
  name: "http",
  label: "HTTP API",
  parsers: [
    "ninjs",
    "bbc_ninjs",
    "newsml2",
    "dpanewsml",
    "scoop_newsml2",
    "newsml12",
    "afpnewsml12",
    "afpnewsmlnew",
    "ananewsml12",
    "nitf",
    "pa_nitf",
    "efe_nitf",
    "ritzau",
    "rss",
    "wenn",
    "anpa1312",
    "ap_anpa1312",
  ],
  defaultParser: "ninjs",
  fields: [
    { id: "url", type: "text", label: "URL", placeholder: "Feed or API URL", required: true },
    ...AUTH_FIELDS,
  ],
  async test(provider, parser) {
    const { body } = await firstPage(provider, {});
    if (body && parser) parseWith(parser, provider, body, "test", true);
  },
  poll(context) {
    if (!context.parser) throw new IngestError(2000, "the http service needs a feed parser");
    return pollPages(context, context.parser, { paginate: true, newerOnly: false });
  },
};

/** The first page, conditionally on the saved validators (unless the URL changed). */
async function firstPage(provider: Doc, state: Doc, signal = new AbortController().signal) {
  const config = configOf(provider);
  const url = configString(config, "url");
  if (!url) throw new IngestError(2001, "config.url is required");
  const same = state.url === url;
  const outcome = await fetchFeed(url, {
    etag: same ? stringOr(state.etag) : undefined,
    lastModified: same ? stringOr(state.last_modified) : undefined,
    ...credentials(config),
    timeoutMs: TIMEOUT_MS,
    maxBytes: MAX_BYTES,
    signal,
  });
  return { url, ...outcome, body: outcome.notModified ? undefined : outcome.body };
}

async function* pollPages(
  context: PollContext,
  parser: FeedParser,
  { paginate, newerOnly }: { paginate: boolean; newerOnly: boolean },
): AsyncGenerator<FeedBatch> {
  const { provider, state, signal } = context;
  const first = await firstPage(provider, state, signal);
  if (first.notModified) {
    context.log.debug("feed not modified", { url: first.url });
    return;
  }
  let page: { url: string; body: Uint8Array } | undefined = { url: first.url, body: first.body! };
  for (let count = 0; page && count < MAX_PAGES; count++) {
    const current: { url: string; body: Uint8Array } = page;
    let result;
    try {
      result = parseWith(parser, provider, current.body, current.url, false);
    } catch (error) {
      result = failedPayload(error, 4005);
    }
    const next = paginate ? nextLink(current.body, current.url) : undefined;
    const last = next === undefined;
    yield {
      name: current.url,
      result: newerOnly ? onlyNewer(result, provider) : result,
      commit: (failed) => {
        // The validators describe the first page; they are saved once the whole feed is stored.
        if (last && !failed) {
          state.url = first.url;
          state.etag = first.etag ?? null;
          state.last_modified = first.lastModified ?? null;
        }
        return Promise.resolve();
      },
    };
    if (!next) return;
    // Credentials go to the provider's origin only, as on a redirect (`follow_redirects.ts`).
    const origin = new URL(first.url).origin;
    const sameOrigin = new URL(next).origin === origin;
    let outcome;
    try {
      outcome = await fetchFeed(next, {
        ...(sameOrigin ? credentials(configOf(provider)) : {}),
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
        signal,
        checkHop: contentUrlCheck(context.contentNetworks ?? [], { origin, signal }),
      });
    } catch (error) {
      if (!(error instanceof ContentUrlRefused)) throw error;
      // The pages read are kept; the feed's validators are not, so the next poll reads it again.
      yield { name: next, result: failedPayload(error, 4000), commit: () => Promise.resolve() };
      return;
    }
    page = outcome.notModified ? undefined : { url: next, body: outcome.body };
  }
}

function parseWith(
  parser: FeedParser,
  provider: Doc,
  body: Uint8Array,
  name: string,
  strict: boolean,
) {
  const result = parser.parse(body, {
    source: stringOr(provider.source),
    config: configOf(provider),
    name,
  });
  if (strict && result.problems.length && !result.items.length) throw result.problems[0];
  return result;
}

/** Drops RSS entries not updated since the provider's last item (Superdesk's rule). */
function onlyNewer(result: ReturnType<FeedParser["parse"]>, provider: Doc) {
  const since = provider.last_item_update instanceof Date ? provider.last_item_update : undefined;
  if (!since) return result;
  const items = result.items.filter((item) =>
    !(item.versioncreated instanceof Date) || item.versioncreated > since
  );
  return { ...result, items };
}

/** An API page's `_links.next.href`, resolved against its URL. */
function nextLink(body: Uint8Array, url: string): string | undefined {
  if (body[0] !== 0x7b) return undefined;
  try {
    const href = JSON.parse(new TextDecoder().decode(body))?._links?.next?.href;
    return typeof href === "string" && href ? new URL(href, url).href : undefined;
  } catch {
    return undefined;
  }
}

function credentials(config: Doc) {
  if (config.auth_required === false) return {};
  return {
    username: configString(config, "username"),
    password: configString(config, "password"),
  };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
