/**
 * The BBC's Local Democracy Reporting Service (`bbc_ldrs`, Superdesk's `BBCLDRSFeedingService`,
 * https://docs.ldrs.org.uk/): the stories published since the start of the last poll that read
 * every page, asked ten at a time (`start`, `limit`, `offset`) with the provider's `api_key` in an
 * `apikey` header, until the page's `total` is reached. Each page with stories is one batch for
 * the `bbc_ninjs` parser. The start is kept in the provider's private state and moves only when
 * the last page is stored (the poller saves the state after every page, so a poll that fails
 * part-way keeps the old start and reads again the pages it never read). Requests go through the HTTP ingest fetch (timeout, size cap, redirects, the key kept to
 * the API's origin).
 */
import type { Doc } from "../../storage/document_store.ts";
import { strftime } from "../../content/wall_clock.ts";
import { IngestError } from "../ingest_error.ts";
import {
  configOf,
  configString,
  failedPayload,
  type FeedBatch,
  type FeedingService,
} from "./feeding_service.ts";
import { fetchApi } from "./http_fetch.ts";

/** The API's address. */
export const LDRS_URL = "https://api.ldrs.org.uk/v1/item";
/** Stories asked for per page (Superdesk's `offset_jump`). */
const PAGE = 10;
/** The private state's key: when the last poll that read every page started (ISO). */
const SINCE = "since";
/** Pages read in one poll at most: a `total` no feed reaches must not keep a poll going. */
const MAX_PAGES = 1000;
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 32 * 1024 * 1024;

/** The `bbc_ldrs` feeding service. */
export const bbcLdrsService: FeedingService = {
  name: "bbc_ldrs",
  label: "BBC Local Democracy Reporter Service",
  parsers: ["bbc_ninjs"],
  defaultParser: "bbc_ninjs",
  fields: [
    {
      id: "url",
      type: "text",
      label: "LDRS URL",
      placeholder: "LDRS URL",
      required: true,
      default: LDRS_URL,
    },
    { id: "api_key", type: "text", label: "API Key", placeholder: "API Key", required: true },
  ],
  // One story, its id only, as Superdesk's check.
  async test(provider) {
    await get(provider, { limit: "1", fields: "id" }, new AbortController().signal);
  },
  poll,
};

async function* poll(
  { provider, parser, signal, state, now }: Parameters<FeedingService["poll"]>[0],
): AsyncGenerator<FeedBatch> {
  if (!parser) throw new IngestError(2000, "bbc_ldrs needs the bbc_ninjs parser");
  const since = Date.parse(String(state[SINCE] ?? ""));
  const start = strftime(Number.isNaN(since) ? 0 : since, "%Y-%m-%dT%H:%M:%S", "UTC");
  for (let page = 0; page < MAX_PAGES; page++) {
    const offset = page * PAGE;
    const params = { start, limit: String(PAGE), offset: String(offset) };
    const body = await get(provider, params, signal);
    const total = totalOf(body);
    const last = offset + PAGE >= total || page === MAX_PAGES - 1;
    if (total > 0) {
      let result;
      try {
        result = parser.parse(body, { source: sourceOf(provider), config: configOf(provider) });
      } catch (error) {
        result = failedPayload(error, 1001);
      }
      const commit = () => {
        if (last) state[SINCE] = now.toISOString();
        return Promise.resolve();
      };
      yield { name: `offset ${offset}`, result, commit };
    }
    if (last) return;
  }
}

/** GETs the API with `params` and the provider's key (2001 without one). */
async function get(provider: Doc, params: Record<string, string>, signal: AbortSignal) {
  const config = configOf(provider);
  const apiKey = configString(config, "api_key");
  if (!apiKey) throw new IngestError(2001, "config.api_key is required");
  return await fetchApi(configString(config, "url") ?? LDRS_URL, params, {
    credentialHeaders: { apikey: apiKey },
    timeoutMs: TIMEOUT_MS,
    maxBytes: MAX_BYTES,
    signal,
  });
}

/** The page's `total` (1001 when the page is no JSON object with a whole `total`). */
function totalOf(body: Uint8Array): number {
  let page: unknown;
  try {
    page = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new IngestError(1001, "the LDRS answer is not JSON", { cause: error });
  }
  const total = (page as { total?: unknown } | null)?.total;
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) {
    throw new IngestError(1001, "the LDRS answer has no total");
  }
  return total;
}

function sourceOf(provider: Doc): string | undefined {
  return typeof provider.source === "string" ? provider.source : undefined;
}
