/**
 * The Elasticsearch client's HTTP connection over our keep-alive HTTP/1.1 pool
 * (`src/net/http1_pool.ts`, plain `Deno.connect` sockets) instead of the client's default undici
 * running on Deno's Node compatibility layer, which cost ~0.7 ms of CPU per search here, mostly
 * in its socket writes through node:net (Deno's `fetch` cost ~0.3 ms, the pool ~0.15 ms).
 * Everything above the connection is the client's: serialization, retries, dead-node handling,
 * the product check and its error classes, so callers see the same `ResponseError`,
 * `ConnectionError`, `TimeoutError` and `RequestAbortedError` as with undici. Searches alone
 * skip that transport and call `send` (`elastic_search_call.ts`).
 * Credentials in the node URL (`https://user:pass@host`) arrive as the connection's
 * `authorization` header; https trusts Deno's certificate store (`DENO_TLS_CA_STORE`,
 * `DENO_CERT`) and the client's `tls.ca`, its only TLS option. Answers are asked uncompressed (`accept-encoding: identity`): on a
 * local network decompressing costs more than the bytes saved.
 */
import { Buffer, constants } from "node:buffer";
import { Readable } from "node:stream";
import {
  BaseConnection,
  type ConnectionOptions,
  type ConnectionRequestOptions,
  type ConnectionRequestParams,
  type ConnectionRequestResponse,
  errors,
} from "@elastic/elasticsearch";
import {
  Http1AbortedError,
  Http1BodyTooLarge,
  Http1Pool,
  type Http1Request,
  type Http1Response,
  type Http1TextResponse,
  Http1TimeoutError,
} from "../../net/http1_pool.ts";

/** Content types Elasticsearch answers in binary (the client hands those over as a Buffer). */
const BINARY = /vnd\.mapbox-vector-tile|vnd\.apache\.arrow\.stream|vnd\.elasticsearch\+arrow/;
const decoder = new TextDecoder();

/** A `BaseConnection` over an `Http1Pool`; pass as the client's `Connection`. */
export class SocketConnection extends BaseConnection {
  readonly #pool: Http1Pool;
  readonly #pathPrefix: string;
  readonly #baseHeaders: Record<string, string>;

  constructor(options: ConnectionOptions) {
    super(options);
    if (options.proxy != null) {
      throw new errors.ConfigurationError("SocketConnection does not support proxies");
    }
    const { ca, ...otherTls } = this.tls ?? {};
    if (options.caFingerprint != null || Object.keys(otherTls).length) {
      throw new errors.ConfigurationError(
        "SocketConnection takes only tls.ca: https trusts Deno's certificate store and that CA",
      );
    }
    const caCerts = ca === undefined ? undefined : [ca].flat().map((cert) => String(cert));
    this.#pool = new Http1Pool(this.url, { caCerts });
    this.#pathPrefix = this.url.pathname === "/" ? "" : this.url.pathname.replace(/\/$/, "");
    this.#baseHeaders = { "accept-encoding": "identity" };
    for (const name in this.headers) {
      const value = this.headers[name];
      if (value !== undefined) {
        this.#baseHeaders[name.toLowerCase()] = Array.isArray(value)
          ? value.join(", ")
          : String(value);
      }
    }
  }

  /** Sends one request; the answer's body is a string, a Buffer (binary) or a stream. */
  override async request(
    params: ConnectionRequestParams,
    options: ConnectionRequestOptions,
    // deno-lint-ignore no-explicit-any -- the base declares stream/non-stream overloads.
  ): Promise<any> {
    const query = params.querystring ? `?${params.querystring}` : "";
    const path = params.path.startsWith("/") ? params.path : `/${params.path}`;
    let headers = this.#baseHeaders;
    if (params.headers) {
      headers = { ...headers };
      for (const name in params.headers) {
        const value = params.headers[name];
        if (value !== undefined) {
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
        }
      }
      delete headers["content-length"];
    }
    const binaryLimit = options.maxCompressedResponseSize ?? constants.MAX_LENGTH;
    const textLimit = options.maxResponseSize ?? constants.MAX_STRING_LENGTH;
    const answer = await this.send({
      method: params.method,
      path: path + query,
      headers,
      body: await requestBody(params.body),
      signal: options.signal,
      timeoutMs: options.timeout,
    });
    const binary = BINARY.test(answer.headers["content-type"] ?? "");
    const limit = binary ? binaryLimit : textLimit;
    if (answer.body.length > limit) {
      throw new errors.RequestAbortedError(
        `The content length (${answer.body.length}) is bigger than the maximum allowed ${
          binary ? "buffer" : "string"
        } (${limit})`,
      );
    }
    if ((options as { asStream?: boolean }).asStream === true) {
      return {
        statusCode: answer.status,
        headers: answer.headers,
        body: Readable.from([Buffer.from(answer.body)]),
      };
    }
    this.diagnostic.emit("deserialization", null, options);
    const result: ConnectionRequestResponse = {
      statusCode: answer.status,
      headers: answer.headers,
      body: binary ? Buffer.from(answer.body.buffer) : decoder.decode(answer.body),
    };
    return result;
  }

  /**
   * Sends one request as it is, below the client's transport: `path` is relative to the node
   * URL (query string included), `headers` complete (lower-case names, the connection's own
   * `authorization` included: start from `baseHeaders`; an `Http1HeaderBlock` of them for
   * headers sent alike with many requests), the timeout the client's
   * `requestTimeout` unless given. Fails with the client's `TimeoutError`, `RequestAbortedError`
   * or `ConnectionError`; any HTTP status is an answer.
   */
  send(request: Http1Request): Promise<Http1Response> {
    return this.#call((pool) => pool.request(this.#complete(request)));
  }

  /** `send`, the answer's body decoded as UTF-8 text straight from the socket's buffer. */
  sendText(request: Http1Request): Promise<Http1TextResponse> {
    return this.#call((pool) => pool.requestText(this.#complete(request)));
  }

  #complete(request: Http1Request): Http1Request {
    return {
      ...request,
      path: this.#pathPrefix + request.path,
      timeoutMs: request.timeoutMs ?? this.timeout,
    };
  }

  async #call<T>(exchange: (pool: Http1Pool) => Promise<T>): Promise<T> {
    try {
      return await exchange(this.#pool);
    } catch (error) {
      if (error instanceof Http1TimeoutError) throw new errors.TimeoutError("Request timed out");
      if (error instanceof Http1AbortedError) {
        throw new errors.RequestAbortedError("Request aborted");
      }
      if (error instanceof Http1BodyTooLarge) throw new errors.RequestAbortedError(error.message);
      throw new errors.ConnectionError(error instanceof Error ? error.message : String(error));
    }
  }

  /** The headers every request of this connection carries (lower-case names). */
  get baseHeaders(): Readonly<Record<string, string>> {
    return this.#baseHeaders;
  }

  /** Closes the pool's sockets. */
  override close(): Promise<void> {
    this.#pool.close();
    return Promise.resolve();
  }
}

/** The request body to send: strings and buffers as they are, a stream read whole. */
async function requestBody(
  body: ConnectionRequestParams["body"],
): Promise<string | Uint8Array | undefined> {
  if (body == null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}
