/**
 * A small S3 client over `fetch`, signed with SigV4 (`aws_signature.ts`): the object calls the
 * S3 media storage makes, one method per S3 action. Path-style URLs (`<endpoint>/<bucket>/<key>`)
 * on a configured endpoint (S3-compatible servers) and for a bucket with dots on AWS, virtual-hosted
 * ones (`https://<bucket>.s3.<region>.amazonaws.com/<key>`) for the others. An unreachable S3, a 5xx or a
 * refusal (bad credentials, no such bucket) is a `ServiceUnavailableError` (503) naming S3's
 * error code; only a missing object is an answer (`undefined` / false). A download whose body
 * stalls is aborted after `idleMs` without bytes (`idle_bounded_stream.ts`).
 */
import { ServiceUnavailableError } from "../errors.ts";
import { escapeText } from "../xml/xml_query.ts";
import { idleBounded } from "./idle_bounded_stream.ts";
import {
  type AwsCredentials,
  EMPTY_PAYLOAD_HASH,
  sha256Hex,
  signRequest,
  uriEncode,
} from "./aws_signature.ts";

/** Where the bucket is and who signs. */
export interface S3Options extends AwsCredentials {
  bucket: string;
  /** An S3-compatible server's base URL (`AMAZON_ENDPOINT_URL`); AWS when unset. */
  endpoint?: string;
  /** How long a call may wait for S3's answer (its headers) before it is a 503 (30 s). */
  timeoutMs?: number;
  /**
   * How long a download may wait for its next bytes before it is aborted with a 503 (its
   * connection closed): S3's body stalling after the headers (`timeoutMs`, 30 s, unless set).
   */
  idleMs?: number;
}

/** What S3 says of a stored object (HEAD or GET). */
export interface S3Object {
  headers: Headers;
}

interface Call {
  method: string;
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  /** Statuses that are answers rather than errors (404 for a missing object). */
  accept?: number[];
}

/** The S3 calls on one bucket. */
export class S3Client {
  readonly #options: S3Options;

  constructor(options: S3Options) {
    this.#options = options;
  }

  /** The object's headers, or undefined when there is none. */
  async head(key: string): Promise<S3Object | undefined> {
    const { status, headers } = await this.#call({ method: "HEAD", key, accept: [404] });
    return status === 404 ? undefined : { headers };
  }

  /**
   * The object's bytes (`range` as `bytes=a-b`) as a stream; undefined when there is none. A
   * body that brings no bytes for `idleMs` errors with a 503 and its connection is closed.
   */
  async get(key: string, range?: string): Promise<ReadableStream<Uint8Array> | undefined> {
    const response = await this.#open({
      method: "GET",
      key,
      headers: range ? { range } : {},
      accept: [404],
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.body) return new ReadableStream({ start: (c) => c.close() });
    const idleMs = this.#options.idleMs ?? this.#options.timeoutMs ?? 30_000;
    return idleBounded(
      response.body,
      idleMs,
      () =>
        new ServiceUnavailableError(
          `Media storage (S3) stalled: no bytes of "${key}" for ${idleMs} ms`,
        ),
    );
  }

  /** Stores `body` under `key` in one request. */
  async put(key: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) {
    await this.#call({ method: "PUT", key, headers, body });
  }

  /** Deletes `key` (S3 answers the same whether it was there or not). */
  async delete(key: string): Promise<void> {
    await this.#call({ method: "DELETE", key });
  }

  /** Starts a multipart upload of `key`; answers its upload id. */
  async createMultipartUpload(key: string, headers: Record<string, string>): Promise<string> {
    const { text } = await this.#call({ method: "POST", key, query: { uploads: "" }, headers });
    return xmlValue(text, "UploadId");
  }

  /** Uploads part `partNumber` (from 1); answers its ETag. */
  async uploadPart(
    key: string,
    { uploadId, partNumber, body }: {
      uploadId: string;
      partNumber: number;
      body: Uint8Array<ArrayBuffer>;
    },
  ): Promise<string> {
    const { headers } = await this.#call({
      method: "PUT",
      key,
      query: { partNumber: String(partNumber), uploadId },
      body,
    });
    const etag = headers.get("etag");
    if (!etag) throw new ServiceUnavailableError("S3 answered an uploaded part without an ETag");
    return etag;
  }

  /** Completes the upload from its parts' ETags, in order: the object appears whole. */
  async completeMultipartUpload(key: string, uploadId: string, etags: string[]) {
    const parts = etags.map((etag, index) =>
      `<Part><PartNumber>${index + 1}</PartNumber><ETag>${escapeText(etag)}</ETag></Part>`
    ).join("");
    const { status, text } = await this.#call({
      method: "POST",
      key,
      query: { uploadId },
      body: new TextEncoder().encode(
        `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`,
      ),
    });
    // S3 may answer 200 and report a failure in the body.
    if (/<Error>/.test(text)) throw s3Refused(status, text);
  }

  /** Abandons the upload: S3 drops its parts. */
  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    await this.#call({ method: "DELETE", key, query: { uploadId }, accept: [404] });
  }

  /** The multipart uploads in progress under `prefix` (their keys). */
  async listMultipartUploads(prefix: string): Promise<string[]> {
    const { text } = await this.#call({ method: "GET", query: { uploads: "", prefix } });
    return [...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
  }

  /** Asks for the bucket (`HeadBucket`); answers S3's `server` header, or "s3". */
  async headBucket(): Promise<string> {
    const { headers } = await this.#call({ method: "HEAD" });
    return headers.get("server") ?? "s3";
  }

  /** Creates the bucket (for tests and set-up; an existing bucket of ours is fine). */
  async createBucket(): Promise<void> {
    const { region } = this.#options;
    const body = region === "us-east-1" ? undefined : new TextEncoder().encode(
      `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint>` +
        `</CreateBucketConfiguration>`,
    );
    const { status, text } = await this.#call({ method: "PUT", body, accept: [409] });
    if (status === 409 && !/BucketAlreadyOwnedByYou/.test(text)) throw s3Refused(409, text);
  }

  /** Makes `call` and reads S3's whole answer within the time limit. */
  async #call(call: Call): Promise<{ status: number; headers: Headers; text: string }> {
    return await this.#send(call, async (response) => ({
      status: response.status,
      headers: response.headers,
      text: await response.text().catch((error) => {
        throw unreachable(error);
      }),
    }));
  }

  /**
   * Makes `call` and answers as soon as S3's headers come: a download streams for as long as its
   * reader takes, so the time limit is on its headers only.
   */
  async #open(call: Call): Promise<Response> {
    return await this.#send(call, (response) => Promise.resolve(response));
  }

  /**
   * Sends `call` signed and hands S3's answer to `take`, all within the time limit: S3's answer
   * (30 s) plus a second per 256 KiB uploaded, S3 answering once it has them all.
   */
  async #send<T>(call: Call, take: (response: Response) => Promise<T>): Promise<T> {
    const url = requestUrl(this.#options, call.key, call.query);
    const body = call.body;
    const headers = await signRequest({
      method: call.method,
      url,
      headers: call.headers ?? {},
      payloadHash: body ? await sha256Hex(body) : EMPTY_PAYLOAD_HASH,
    }, this.#options);
    const limit = new AbortController();
    const timer = setTimeout(
      () => limit.abort(new Error("no answer in time")),
      (this.#options.timeoutMs ?? 30_000) + Math.ceil((body?.byteLength ?? 0) / 262_144) * 1000,
    );
    try {
      let response: Response;
      try {
        response = await fetch(url, { method: call.method, headers, body, signal: limit.signal });
      } catch (error) {
        throw unreachable(error);
      }
      if (response.ok || call.accept?.includes(response.status)) return await take(response);
      throw s3Refused(response.status, await response.text().catch(() => ""));
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The URL of `key` (the bucket without one) with `query`, each path segment and query part
 * encoded as SigV4 signs it.
 */
export function requestUrl(
  { bucket, endpoint, region }: Pick<S3Options, "bucket" | "endpoint" | "region">,
  key?: string,
  query: Record<string, string> = {},
): URL {
  const path = key === undefined ? "" : key.split("/").map(uriEncode).join("/");
  // AWS's certificate covers one label before `.s3.`: a dotted bucket is addressed path-style.
  const base = endpoint?.replace(/\/+$/, "") ??
    (bucket.includes(".") ? `https://s3.${region}.amazonaws.com` : undefined);
  const url = base
    ? new URL(`${base}/${uriEncode(bucket)}/${path}`)
    : new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`);
  // Encoded as it is signed (URLSearchParams would send a space as "+", which S3 reads as is).
  url.search = Object.entries(query)
    .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join("&");
  return url;
}

/** The 503 for S3 not reached, or not answering in time. */
function unreachable(error: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `Media storage (S3) is unreachable: ${(error as Error).message}`,
  );
}

/** The 503 for an S3 error answer, naming its code and message when the body has them. */
function s3Refused(status: number, text: string): ServiceUnavailableError {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new ServiceUnavailableError(
    `Media storage (S3) refused the request: ${status}${code ? ` ${code}` : ""}` +
      (message ? `: ${message}` : ""),
  );
}

function xmlValue(text: string, element: string): string {
  const value = new RegExp(`<${element}>([^<]*)</${element}>`).exec(text)?.[1];
  if (value === undefined) throw new ServiceUnavailableError(`S3 answered without ${element}`);
  return value;
}
