/**
 * The server the client journey talks to: the api role and the ws role of one platform, each on
 * a real `Deno.serve({port: 0})`, configured as a deployment would be (token-less sockets from
 * the allowed origins), on the embedded default or the real engines; and a browser-like HTTP
 * client that sends the web client's `Origin` with every request and checks every answer carries
 * the CORS headers the browser needs to hand it over.
 */
import assert from "node:assert/strict";
import { wsIdentityOf } from "../../src/cli/ws_role.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createWsApp } from "../../src/ws/ws_app.ts";
import type { TestApp } from "../_app.ts";
import { type Engine, engineTestApp } from "../_engine_app.ts";
import { Collector, within } from "../notify/_collect.ts";

/** Where the web client would be served from (its dev server). */
export const CLIENT_ORIGIN = "http://localhost:9000";

/** A JSON answer as the client sees it. */
export interface Answer {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** The two listeners and their URLs (`server.url`, `server.ws` of the client's config). */
export interface JourneyServer extends AsyncDisposable {
  app: TestApp;
  /** `server.url`, e.g. `http://127.0.0.1:41234/api`. */
  url: string;
  /** `server.ws`, e.g. `ws://127.0.0.1:41235`. */
  ws: string;
}

/** Starts both roles on `engine` with `env` added to the configuration. */
export async function startJourneyServer(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<JourneyServer> {
  const app = await engineTestApp(engine, { env: { X_DOMAINS: CLIENT_ORIGIN, ...env } });
  const { platform } = app;
  const ws = createWsApp({
    bus: platform.bus,
    authenticate: wsIdentityOf(platform),
    allowUnauthenticated: platform.config.wsAllowUnauthenticated,
    allowedOrigins: platform.config.xDomains,
    metrics: new MetricsRegistry(),
    log: silentLogger,
  });
  const api = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.app.fetch);
  const sockets = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, ws.app.fetch);
  return {
    app,
    url: `http://127.0.0.1:${api.addr.port}/api`,
    ws: `ws://127.0.0.1:${sockets.addr.port}`,
    async [Symbol.asyncDispose]() {
      await ws.close();
      await sockets.shutdown();
      await api.shutdown();
      await app.close();
    },
  };
}

/** The client's `basejoin`: `server.url` + `/` + a listed href or path. */
export function basejoin(server: JourneyServer, path: string): string {
  return server.url + (path.startsWith("/") ? path : `/${path}`);
}

/**
 * A request as the web client's `$http`/`fetch` sends it, from its origin; `auth` is the
 * `Authorization` value it keeps after login (`Basic base64(token:)`).
 */
export async function send(
  url: string,
  { method = "GET", body, auth, etag, headers = {} }: {
    method?: string;
    body?: unknown;
    auth?: string;
    etag?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const all: Record<string, string> = { Origin: CLIENT_ORIGIN, ...headers };
  if (body !== undefined) all["Content-Type"] = "application/json";
  if (auth) all.Authorization = auth;
  if (etag) all["If-Match"] = etag;
  const response = await fetch(url, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(
    response.headers.get("access-control-allow-origin"),
    CLIENT_ORIGIN,
    `${method} ${url}: no CORS header, a browser would hide the answer`,
  );
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Asserts `answer` has `status` (200 by default); returns its body. */
// deno-lint-ignore no-explicit-any
export function ok(answer: Answer, status = 200, what = ""): any {
  assert.equal(answer.status, status, `${what} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Asserts a list answer as the client reads it: `_items` and `_meta.total`; returns items. */
// deno-lint-ignore no-explicit-any
export function items(answer: Answer, what: string): any[] {
  const body = ok(answer, 200, what);
  assert.ok(Array.isArray(body._items), `${what}: no _items`);
  assert.equal(typeof body._meta?.total, "number", `${what}: no _meta.total`);
  return body._items;
}

/** An event frame the server pushed to the client's socket. */
export interface PushedEvent {
  event: string;
  extra: Record<string, unknown>;
}

/** The client's socket: the events it received, its opening, and `close()` (awaits the close). */
export interface ClientSocket {
  events: Collector<PushedEvent>;
  opened: Promise<void>;
  close(): Promise<void>;
}

/** Opens the web client's socket to `server.ws`, from its origin and with no credentials. */
export function clientSocket(server: JourneyServer): ClientSocket {
  const events = new Collector<PushedEvent>();
  // deno-lint-ignore no-explicit-any
  const socket = new WebSocket(server.ws, { headers: { Origin: CLIENT_ORIGIN } } as any);
  socket.onmessage = (message) => {
    const frame = JSON.parse(message.data);
    if (frame.event) events.push(frame);
  };
  const closed = new Promise((resolve) => socket.addEventListener("close", resolve));
  const opened = within(
    new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error("the socket was refused"));
    }),
    "the socket to open",
  );
  return {
    events,
    opened,
    async close() {
      socket.close();
      await closed;
    },
  };
}
