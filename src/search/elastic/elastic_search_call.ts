/**
 * The one way a search reaches Elasticsearch: `POST /{indexes}/_search` sent over the client's
 * `SocketConnection` (`send`), below the client's transport, whose per-request work (request
 * bookkeeping, diagnostics events, query-string and body serializers, `secure-json-parse`, the
 * retry loop) cost as much CPU as the socket exchange itself. The body is serialised with
 * `JSON.stringify`, the answer parsed with `JSON.parse`, and a failure mapped straight to the
 * project's errors: a 4xx is a 400 carrying Elasticsearch's reason; a 5xx or 429, a 401 or 403
 * (the server's credentials refused: logged, not shown), an unreadable answer (too large, not
 * JSON, without hits), a refused connection or a timeout a 503 (with Retry-After). A keep-alive
 * connection the server closed while idle is replaced by the pool; nothing else is retried here:
 * a search is the client's to repeat, and a failing engine should answer quickly.
 */
import type { Client } from "@elastic/elasticsearch";
import { ServiceUnavailableError } from "../../errors.ts";
import { Http1HeaderBlock } from "../../net/http1_pool.ts";
import type { Logger } from "../../log.ts";
import type { SearchBody } from "../search_index.ts";
import { bodyReason, searchStatusError, toSearchError } from "./elastic_errors.ts";
import { SocketConnection } from "./socket_connection.ts";

/**
 * Totals as plain numbers; indexes a search names but that do not exist add nothing. No
 * `filter_path`: Elasticsearch copies each hit's `_source` as stored unless the answer is
 * filtered, when it parses and writes it again, which cost a search more (p50 +80–190 µs) than
 * the dropped `took`, `_shards`, `_score` and `sort` saved our parse (README, issue #14).
 */
const QUERY = "?ignore_unavailable=true&allow_no_indices=true&rest_total_hits_as_int=true";
const JSON_TYPE = "application/json";
const headerBlocks = new WeakMap<SocketConnection, Http1HeaderBlock>();

/** The headers of every search over `connection`, checked and written out once. */
function searchHeaders(connection: SocketConnection): Http1HeaderBlock {
  let block = headerBlocks.get(connection);
  if (!block) {
    block = new Http1HeaderBlock({
      ...connection.baseHeaders,
      "content-type": JSON_TYPE,
      accept: JSON_TYPE,
    });
    headerBlocks.set(connection, block);
  }
  return block;
}

/** Elasticsearch's answer to a search (the parts read). */
export interface ElasticSearchAnswer {
  hits: {
    total: number;
    hits: Array<{
      _id: string;
      _index: string;
      _source?: Record<string, unknown>;
      highlight?: Record<string, string[]>;
    }>;
  };
  aggregations?: Record<string, unknown>;
  /** The shards searched (none when no index named exists). */
  _shards?: { total?: number };
}

/** The connection searches go over; `client` must come from `createElasticClient`. */
export function searchConnection(client: Client): SocketConnection {
  const connection = client.connectionPool.connections[0];
  if (!(connection instanceof SocketConnection)) {
    throw new Error("searches need a client from createElasticClient (its SocketConnection)");
  }
  return connection;
}

/**
 * Runs `body` over `indexes` (aliases or names); throws 400 or 503 errors as described, logging
 * to `log` what the client is not shown.
 */
export async function sendSearch(
  connection: SocketConnection,
  { indexes, body, log }: { indexes: string[]; body: SearchBody; log?: Logger },
): Promise<ElasticSearchAnswer> {
  let answer;
  try {
    answer = await connection.sendText({
      method: "POST",
      path: `/${indexes.join(",")}/_search${QUERY}`,
      headers: searchHeaders(connection),
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw toSearchError(error);
  }
  const text = answer.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw answer.status >= 400
      ? searchStatusError(answer.status, text.slice(0, 200) || `status ${answer.status}`, { log })
      : new ServiceUnavailableError("Search is unavailable: Elasticsearch's answer is not JSON");
  }
  if (answer.status >= 400) {
    throw searchStatusError(answer.status, bodyReason(parsed) ?? `status ${answer.status}`, {
      log,
    });
  }
  if (!Array.isArray((parsed as Partial<ElasticSearchAnswer>)?.hits?.hits)) {
    throw new ServiceUnavailableError("Search is unavailable: Elasticsearch's answer has no hits");
  }
  return parsed as ElasticSearchAnswer;
}
