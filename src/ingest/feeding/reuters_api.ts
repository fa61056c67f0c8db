/**
 * One session against Reuters' feed API (Superdesk's `reuters_http`): the login at `auth_url`
 * for a token and the GETs that carry it. The token lives for one poll and is never stored; no
 * error names a URL with its query, which holds the token or the password.
 */
import type { Doc } from "../../storage/document_store.ts";
import { trimmedText } from "../../xml/xml_query.ts";
import { parseXmlBytes, type XmlElement } from "../../xml/xml_reader.ts";
import { IngestError } from "../ingest_error.ts";
import { configString } from "./feeding_service.ts";
import { fetchHidingQuery } from "./http_fetch.ts";

export const DEFAULT_URL = "http://rmb.reuters.com/rmd/rest/xml";
export const DEFAULT_AUTH_URL = "https://commerce.reuters.com/rmd/rest/xml/login";
/** Largest answer read, and the most a package and its items may take together. */
export const MAX_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** One session against the API: its base URL, token and abort signal. */
export interface ReutersSession {
  url: string;
  token: string;
  signal: AbortSignal;
}

/** Logs in with the provider's `config` and opens a session at its `url`. */
export async function openSession(config: Doc, signal: AbortSignal): Promise<ReutersSession> {
  return {
    url: (configString(config, "url") ?? DEFAULT_URL).replace(/\/+$/, ""),
    token: await login(config, signal),
    signal,
  };
}

/** The token `auth_url` answers for the provider's credentials (4007 when refused). */
async function login(config: Doc, signal: AbortSignal): Promise<string> {
  const url = new URL(configString(config, "auth_url") ?? DEFAULT_AUTH_URL);
  url.searchParams.set("username", configString(config, "username") ?? "");
  url.searchParams.set("password", configString(config, "password") ?? "");
  const outcome = await fetchHidingQuery(url, { timeoutMs: TIMEOUT_MS, maxBytes: 65_536, signal })
    .catch((error) => {
      // Any refusal of the login is an authorization error, as Superdesk's.
      if (error instanceof IngestError && [4000, 4006].includes(error.code)) {
        throw new IngestError(4007, error.detail);
      }
      throw error;
    });
  const token = outcome.notModified ? undefined : trimmedText(parseXml(outcome.body, "login"));
  if (!token) throw new IngestError(4007, "the login answered no token");
  return token;
}

/** `endpoint`'s answer as XML. */
export async function getXml(
  session: ReutersSession,
  endpoint: string,
  params: Record<string, string> = {},
): Promise<XmlElement> {
  return parseXml(await get(session, endpoint, { params }), endpoint);
}

/** `endpoint`'s answer, at most `maxBytes` (4003 beyond). */
export async function get(
  session: ReutersSession,
  endpoint: string,
  { params = {}, maxBytes = MAX_BYTES }: { params?: Record<string, string>; maxBytes?: number } =
    {},
): Promise<Uint8Array> {
  const url = new URL(`${session.url}/${endpoint}`);
  for (const [key, value] of Object.entries({ ...params, token: session.token })) {
    url.searchParams.set(key, value);
  }
  const outcome = await fetchHidingQuery(url, {
    timeoutMs: TIMEOUT_MS,
    maxBytes,
    signal: session.signal,
  });
  if (outcome.notModified) throw new IngestError(4000, `${endpoint}: unexpected 304`);
  return outcome.body;
}

function parseXml(body: Uint8Array, what: string): XmlElement {
  try {
    return parseXmlBytes(body);
  } catch (error) {
    throw new IngestError(4005, `${what}: ${(error as Error).message}`, { cause: error });
  }
}
