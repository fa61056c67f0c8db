/**
 * Test harness for the `ws` role: a real `Deno.serve({port: 0})` around createWsApp, a log whose
 * records can be awaited, and WebSocket clients that collect their frames.
 */
import { createLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { createWsApp, type WsApp, type WsAppOptions } from "../../src/ws/ws_app.ts";
import type { WsIdentity } from "../../src/ws/ws_client.ts";
import { Collector, within } from "../notify/_collect.ts";

/** Tokens the test authenticator accepts: `tok-<user>` → user `<user>`, session `s-<user>`. */
export function testAuthenticate(token: string): Promise<WsIdentity | null> {
  const match = /^tok-(\w+)$/.exec(token);
  return Promise.resolve(match ? { userId: match[1]!, sessionId: `s-${match[1]}` } : null);
}

/** A served WebSocket app. */
export interface WsServer extends AsyncDisposable {
  ws: WsApp;
  port: number;
  url: string;
  metrics: MetricsRegistry;
  /** Every log record of the app, parsed. */
  logs: Collector<Record<string, unknown>>;
  /** Resolves once the app logged `msg` `times` times in total. */
  logged(msg: string, times?: number): Promise<unknown>;
}

/** Serves createWsApp on a free port; dispose to close the app and the server. */
export function startWsServer(
  options: Partial<WsAppOptions> & { bus: NotificationBus },
): WsServer {
  const metrics = new MetricsRegistry();
  const logs = new Collector<Record<string, unknown>>();
  const log = createLogger({ level: "debug", sink: (line) => logs.push(JSON.parse(line)) });
  const ws = createWsApp({
    authenticate: testAuthenticate,
    metrics,
    log,
    pingMs: 60_000,
    ...options,
  });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, ws.app.fetch);
  const port = server.addr.port;
  return {
    ws,
    port,
    url: `ws://127.0.0.1:${port}`,
    metrics,
    logs,
    logged: (msg, times = 1) =>
      logs.until((records) => records.filter((r) => r.msg === msg).length >= times, `log "${msg}"`),
    async [Symbol.asyncDispose]() {
      await ws.close();
      await server.shutdown();
    },
  };
}

/** A WebSocket client that parses and collects every frame. */
export interface TestClient extends AsyncDisposable {
  socket: WebSocket;
  frames: Collector<Record<string, unknown>>;
  /** The frames that are events (not pings). */
  events(): Array<Record<string, unknown>>;
  /** Resolves with the events once one named `event` arrived. */
  until(event: string, what?: string): Promise<Array<Record<string, unknown>>>;
  closed: Promise<CloseEvent>;
}

/** Opens a client on `url` and waits until it is open. */
export async function connectClient(url: string, protocols?: string[]): Promise<TestClient> {
  const socket = new WebSocket(url, protocols);
  const frames = new Collector<Record<string, unknown>>();
  socket.onmessage = (message) => frames.push(JSON.parse(message.data));
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener("close", resolve));
  await within(
    new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`could not connect to ${url}`));
    }),
    `connection to ${url}`,
  );
  const events = () => frames.items.filter((frame) => "event" in frame);
  return {
    socket,
    frames,
    events,
    until: (event, what = `event ${event}`) =>
      frames.until((items) => items.some((frame) => frame.event === event), what).then(events),
    closed,
    async [Symbol.asyncDispose]() {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.close();
        await closed;
      }
    },
  };
}

/** Resolves true when a connection attempt to `url` fails before opening. */
export function connectionRefused(url: string, protocols?: string[]): Promise<boolean> {
  const socket = new WebSocket(url, protocols);
  return within(
    new Promise<boolean>((resolve) => {
      socket.onopen = () => {
        socket.close();
        resolve(false);
      };
      socket.onerror = () => resolve(true);
    }),
    `the outcome of connecting to ${url}`,
  );
}
