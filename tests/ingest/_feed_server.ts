/**
 * An HTTP feed server of the test's own (`Deno.serve` on loopback): serves bodies by path with an
 * ETag and a Last-Modified, answers conditional GETs with 304, can require Basic credentials and
 * redirect a path, and records every request so tests can check what the feeding service sent.
 */

/** One served document. */
export interface FeedDocument {
  body: string | Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

/** A running server. */
export interface FeedServer {
  readonly url: string;
  /** Sets (or replaces) the document at `path`. */
  set(path: string, document: FeedDocument): void;
  /** Requests received: path and the headers that matter here. */
  readonly requests: {
    path: string;
    ifNoneMatch: string | null;
    ifModifiedSince: string | null;
    authorization: string | null;
  }[];
  /** Runs `wait` before answering the first request for `path` (to stop a poll mid-way). */
  hold(path: string, wait: () => Promise<void>): void;
  /** Answers `path` with a 302 to `location` (before any credentials check). */
  redirect(path: string, location: string): void;
  /** Requires `user:password` on every request when set. */
  requireAuth(user: string, password: string): void;
  close(): Promise<void>;
}

/** Starts a server on a free loopback port. */
export function startFeedServer(): FeedServer {
  const documents = new Map<string, FeedDocument>();
  const requests: FeedServer["requests"] = [];
  let auth: string | undefined;
  const holds = new Map<string, () => Promise<void>>();
  const redirects = new Map<string, string>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const hold = holds.get(url.pathname + url.search);
    if (hold) {
      holds.delete(url.pathname + url.search);
      await hold();
    }
    requests.push({
      path: url.pathname + url.search,
      ifNoneMatch: request.headers.get("if-none-match"),
      ifModifiedSince: request.headers.get("if-modified-since"),
      authorization: request.headers.get("authorization"),
    });
    const location = redirects.get(url.pathname);
    if (location) return new Response(null, { status: 302, headers: { Location: location } });
    if (auth && request.headers.get("authorization") !== auth) {
      return new Response("unauthorized", { status: 401 });
    }
    const document = documents.get(url.pathname + url.search) ?? documents.get(url.pathname);
    if (!document) return new Response("not found", { status: 404 });
    const headers: Record<string, string> = {
      "Content-Type": document.contentType ?? "application/xml",
    };
    if (document.etag) headers.ETag = document.etag;
    if (document.lastModified) headers["Last-Modified"] = document.lastModified;
    const etagMatches = document.etag && request.headers.get("if-none-match") === document.etag;
    const notModifiedSince = !document.etag && document.lastModified &&
      request.headers.get("if-modified-since") === document.lastModified;
    if (etagMatches || notModifiedSince) return new Response(null, { status: 304, headers });
    return new Response(document.body as BodyInit, { headers });
  });
  const { port } = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, document) => documents.set(path, document),
    requests,
    hold: (path, wait) => holds.set(path, wait),
    redirect: (path, location) => redirects.set(path, location),
    requireAuth(user, password) {
      auth = `Basic ${btoa(`${user}:${password}`)}`;
    },
    close: () => server.shutdown(),
  };
}
