/**
 * Ritzau's news queue (`ritzau`, Superdesk's `RitzauFeedingService`): a GET of the queue with the
 * provider's user and password as query parameters and at most 50 stories (`maksAntal`) answers
 * an `XMLNewsQueuedResponse` whose `error` must be 0 (else 4003 with its `errormsg`); each
 * `RBNews` in it is one story for the `ritzau` parser and one batch. Stories stay in Ritzau's
 * queue until acknowledged (`waitAcknowledge=true`): once a batch is stored, its
 * `ServiceQueueId` is sent to `QueueAcknowledge`. A provider `url` replaces the queue's address
 * "for advanced uses" and then, as in Superdesk, stories are neither held nor acknowledged.
 * Requests go through the HTTP ingest fetch (timeout, size cap, redirects); failures never show
 * the query, which holds the password.
 */
import type { Doc } from "../../storage/document_store.ts";
import { textOf } from "../../xml/xml_query.ts";
import { parseXmlBytes, type XmlElement } from "../../xml/xml_reader.ts";
import { IngestError } from "../ingest_error.ts";
import { ritzauStory } from "../parsers/ritzau_parser.ts";
import { configOf, configString, type FeedBatch, type FeedingService } from "./feeding_service.ts";
import { fetchApi } from "./http_fetch.ts";

const API = "https://services.ritzau.dk/ritzaurest/Services.svc/xml/news/";
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 32 * 1024 * 1024;
/** Stories asked for per poll (Superdesk's `maksAntal`). */
const BATCH = "50";

/** Where the queue and its acknowledgement are. */
export interface RitzauEndpoints {
  queue: string;
  acknowledge: string;
}

/** Ritzau's own addresses. */
export const RITZAU_ENDPOINTS: RitzauEndpoints = {
  queue: `${API}NewsQueue`,
  acknowledge: `${API}QueueAcknowledge`,
};

/** The `ritzau` feeding service, asking `endpoints` (Ritzau's, but for tests). */
export function ritzauServiceAt(endpoints: RitzauEndpoints): FeedingService {
  return {
    name: "ritzau",
    label: "Ritzau feed API",
    parsers: ["ritzau"],
    defaultParser: "ritzau",
    fields: [
      { id: "username", type: "text", label: "Username", required: true },
      { id: "password", type: "password", label: "Password", required: true },
      {
        id: "url",
        type: "text",
        label: "URL",
        placeholder: "fill this field only for advanced uses",
        required: false,
      },
    ],
    // Asking the queue would take stories out of it: saving checks the configuration only.
    test(provider) {
      settings(provider, endpoints);
      return Promise.resolve();
    },
    poll: (context) => poll(context, endpoints),
  };
}

/** The registered `ritzau` service. */
export const ritzauService: FeedingService = ritzauServiceAt(RITZAU_ENDPOINTS);

/** The credentials and the queue to ask (2001 when they are missing or the URL is no HTTP). */
function settings(provider: Doc, endpoints: RitzauEndpoints) {
  const config = configOf(provider);
  const user = configString(config, "username");
  const password = configString(config, "password");
  if (!user || !password) throw new IngestError(2001, "username and password are needed");
  const override = configString(config, "url");
  if (override && !/^https?:\/\//i.test(override)) {
    throw new IngestError(2001, "if URL is set, it must be a valid http link");
  }
  return { user, password, queue: override ?? endpoints.queue, acknowledged: !override };
}

async function* poll(
  { provider, signal }: Parameters<FeedingService["poll"]>[0],
  endpoints: RitzauEndpoints,
): AsyncGenerator<FeedBatch> {
  const { user, password, queue, acknowledged } = settings(provider, endpoints);
  const params: Record<string, string> = { user, password, maksAntal: BATCH };
  if (acknowledged) params.waitAcknowledge = "true";
  const root = answer(await get(queue, params, signal));
  for (const [index, story] of descendants(root, "RBNews").entries()) {
    const result = ritzauStory(story);
    const queueId = textOf(descendants(story, "ServiceQueueId")[0]).trim();
    if (acknowledged && !queueId) {
      result.problems.push(new IngestError(4003, "missing ServiceQueueId element"));
    }
    yield {
      name: `${queue}#${index + 1}`,
      result,
      async commit() {
        // A story that cannot be read is a problem of its own; it is acknowledged all the same,
        // as a file that fails is moved aside, so it does not come back at every poll.
        if (!acknowledged || !queueId) return;
        await get(endpoints.acknowledge, { user, password, servicequeueid: queueId }, signal);
      },
    };
  }
}

function get(address: string, params: Record<string, string>, signal: AbortSignal) {
  return fetchApi(address, params, { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, signal });
}

/** The queue's answer, its `error` 0 checked (4003 otherwise, with Ritzau's `errormsg`). */
function answer(body: Uint8Array): XmlElement {
  let root: XmlElement;
  try {
    root = parseXmlBytes(body);
  } catch (error) {
    throw new IngestError(4003, "error while parsing the request answer", { cause: error });
  }
  const error = descendants(root, "error")[0];
  if (!error) throw new IngestError(4003, "Invalid XML, <error> element not found");
  if (textOf(error).trim() !== "0") {
    const message = textOf(descendants(root, "errormsg")[0]).trim();
    throw new IngestError(4003, `error code returned by API: ${message}`);
  }
  return root;
}

/** The elements named `local` under `root`, in document order (an explicit stack, no recursion). */
function descendants(root: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element !== root && element.local === local) found.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (typeof child !== "string") stack.push(child);
    }
  }
  return found;
}
