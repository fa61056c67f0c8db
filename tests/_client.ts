/**
 * A tiny HTTP client over an in-process app (`app.request`), carrying a session token the way
 * the Superdesk web client does (`Authorization: Basic base64(token:)`).
 */
import type { TestApp } from "./_app.ts";

export interface Client {
  get(path: string, init?: { headers?: Record<string, string> }): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
  patch(path: string, body: unknown, options?: { etag?: string }): Promise<Response>;
  put(path: string, body: unknown, options?: { etag?: string }): Promise<Response>;
  delete(path: string, options?: { etag?: string }): Promise<Response>;
  raw(
    method: string,
    path: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** A client for `app`, authenticated with `token` when given. */
export function clientFor(app: TestApp, token?: string): Client {
  const auth: Record<string, string> = token ? { Authorization: `Basic ${btoa(`${token}:`)}` } : {};
  const send = (
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ) => Promise.resolve(app.app.request(path, { method, body, headers: { ...auth, ...headers } }));
  const json = (method: string, path: string, body: unknown, etag?: string) =>
    send(method, path, JSON.stringify(body), {
      "Content-Type": "application/json",
      ...(etag ? { "If-Match": etag } : {}),
    });
  return {
    get: (path, init) => send("GET", path, undefined, init?.headers),
    post: (path, body) => json("POST", path, body),
    patch: (path, body, options) => json("PATCH", path, body, options?.etag),
    put: (path, body, options) => json("PUT", path, body, options?.etag),
    delete: (path, options) =>
      send("DELETE", path, undefined, options?.etag ? { "If-Match": options.etag } : {}),
    raw: send,
  };
}
