/**
 * The `ws` role: a Hono app that upgrades any GET path to a WebSocket with
 * `Deno.upgradeWebSocket` (we check the Upgrade header case-insensitively ourselves, unlike
 * hono/deno's helper), authenticates the session token before upgrading, and pushes bus events
 * to clients in Superdesk's format. Clients cannot publish: what they send is counted and
 * ignored. Non-upgrade requests fall through to the next handler.
 *
 * Query parameters: `token`/`session_token` (or protocol `token.<token>`, or Authorization),
 * `last_event_id` for a replay, and on `/subscribe` paths any other `k=v` subscription argument.
 *
 * Credential policy: every socket's `Origin` must be one of `allowedOrigins` (`X_DOMAINS`; a
 * client that sends none is not a browser page and may connect). The Superdesk web client opens
 * its socket with no token (a browser cannot set headers, and the client sends none); with
 * `allowUnauthenticated` such a socket is accepted and gets the broadcast events, which carry
 * ids, never content. It has no subscription arguments, so events targeted at users or sessions
 * (`filters.include`) never reach it. An authenticated socket is subscribed as its own user and
 * session and may narrow that with `/subscribe` arguments, never widen it.
 */
import { Hono } from "hono";
import { type AllowedOrigins, isOriginAllowed } from "../config/allowed_origins.ts";
import { errorResponse } from "../http/error_body.ts";
import { type Logger, silentLogger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import { currentProcessName } from "../notify/notification.ts";
import type { NotificationBus } from "../notify/notification_bus.ts";
import { SESSION_END_EVENT } from "../notify/session_end_event.ts";
import { ClientHub, PING_SLOTS } from "./client_hub.ts";
import { deliverTraced } from "./traced_delivery.ts";
import { createEventThrottle, SUPERDESK_THROTTLED_EVENTS } from "./event_throttle.ts";
import { replayMissed } from "./replay.ts";
import { type ClientArgs, parseClientArgs } from "./subscription_filters.ts";
import { readUpgradeCredentials } from "./upgrade_credentials.ts";
import { WsClient, type WsIdentity } from "./ws_client.ts";
import { createWsMetrics, type WsMetrics } from "./ws_metrics.ts";

export type { WsIdentity };

/** Options of the WebSocket app. */
export interface WsAppOptions {
  bus: NotificationBus;
  /** Resolves a session token to its user and session, or null when unknown or expired. */
  authenticate: (token: string) => Promise<WsIdentity | null>;
  /** Origins whose pages may connect (`X_DOMAINS`); requests without `Origin` always may. */
  allowedOrigins?: AllowedOrigins;
  /** Accept clients without a token (the Superdesk web client); off by default. */
  allowUnauthenticated?: boolean;
  /** Interval of the `{ping, clients}` frame (Superdesk: 5 s). */
  pingMs?: number;
  /** Deno's protocol-level idle timeout; 0 disables it. */
  idleTimeoutSeconds?: number;
  /** Unsent bytes above which a client is disconnected as slow. */
  maxBufferedBytes?: number;
  /** Event name → minimum interval in ms; defaults to Superdesk's. */
  throttle?: Readonly<Record<string, number>>;
  metrics: MetricsRegistry;
  log?: Logger;
  /** `_process` of the recovery frame; defaults to the pid. */
  process?: string;
}

/** The app and its lifecycle. */
export interface WsApp {
  app: Hono;
  /** Stops the keepalive, unsubscribes from the bus and closes every client (1001). */
  close(): Promise<void>;
  clientCount(): number;
}

/** Builds the WebSocket app and subscribes it to `bus`. */
export function createWsApp(
  {
    bus,
    authenticate,
    allowUnauthenticated = false,
    allowedOrigins = "*",
    pingMs = 5000,
    idleTimeoutSeconds = 30,
    maxBufferedBytes = 1024 * 1024,
    throttle = SUPERDESK_THROTTLED_EVENTS,
    metrics: registry,
    log = silentLogger,
    process = currentProcessName(),
  }: WsAppOptions,
): WsApp {
  const metrics = createWsMetrics(registry);
  const hub = new ClientHub({ metrics, log, throttle: createEventThrottle(throttle) });
  const unsubscribe = bus.subscribe((notification) => {
    deliverTraced(hub, notification);
    if (notification.event === SESSION_END_EVENT) {
      hub.closeSession(String(notification.extra.session));
    }
  });
  const pinger = setInterval(() => hub.pingNextSlot(), pingMs / PING_SLOTS);
  const onSlow = (client: WsClient) => hub.disconnectSlow(client);

  let closing: Promise<void> | undefined;
  const app = new Hono();
  app.get("*", async function websocketUpgrade(c, next) {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return next();
    if (closing) return errorResponse(503, "Cannot connect: the server is shutting down");
    const origin = c.req.header("origin");
    if (!isOriginAllowed(origin, allowedOrigins)) {
      metrics.refused.inc({ reason: "origin" });
      return errorResponse(403, `Cannot connect from origin ${origin}: not in X_DOMAINS`);
    }
    const { token, protocol } = readUpgradeCredentials(c.req.raw);
    let identity: WsIdentity | null = null;
    if (token) {
      try {
        identity = await authenticate(token);
      } catch (error) {
        log.error("could not check a WebSocket session token", { error });
        return errorResponse(503, "Cannot authenticate now: the session store is unavailable");
      }
    }
    if (!identity && (token || !allowUnauthenticated)) {
      metrics.refused.inc({ reason: "unauthenticated" });
      return errorResponse(401, "Please provide a valid session token");
    }
    const url = new URL(c.req.url);
    const args = identity ? ownArgs(parseClientArgs(url), identity) : {};
    if (identity && !argsBelongTo(args, identity)) {
      metrics.refused.inc({ reason: "forbidden" });
      return errorResponse(403, "Cannot subscribe: user or session is not the token's");
    }
    let upgrade: { socket: WebSocket; response: Response };
    try {
      upgrade = Deno.upgradeWebSocket(c.req.raw, { protocol, idleTimeout: idleTimeoutSeconds });
    } catch (error) {
      return errorResponse(400, `Cannot upgrade to a WebSocket: ${(error as Error).message}`);
    }
    attachClient(new WsClient(upgrade.socket, { args, identity, maxBufferedBytes, onSlow }), {
      lastEventId: url.searchParams.get("last_event_id") ?? undefined,
      bus,
      hub,
      throttle,
      process,
      log,
      metrics,
    });
    return upgrade.response;
  });

  return {
    app,
    close() {
      closing ??= (() => {
        clearInterval(pinger);
        unsubscribe();
        return hub.closeAll(1001, "server shutting down");
      })();
      return closing;
    },
    clientCount: () => hub.size,
  };
}

/** Wires a new client's socket events: register on open (replaying first when asked), count
 * and ignore its messages, unregister on close. */
function attachClient(
  client: WsClient,
  { lastEventId, bus, hub, throttle, process, log, metrics }: {
    lastEventId?: string;
    bus: NotificationBus;
    hub: ClientHub;
    throttle: Readonly<Record<string, number>>;
    process: string;
    log: Logger;
    metrics: WsMetrics;
  },
) {
  const { socket, identity } = client;
  socket.onopen = () => {
    if (lastEventId) client.held = [];
    hub.add(client);
    if (lastEventId) {
      replayMissed(client, lastEventId, { bus, hub, throttleIntervals: throttle, process, log })
        .catch((error) => log.error("replay to a WebSocket client failed", { error }));
    }
  };
  socket.onmessage = () => {
    metrics.clientMessages.inc();
    log.debug("ignored a message from a WebSocket client", { userId: identity?.userId });
  };
  socket.onclose = () => hub.remove(client);
  // An error is always followed by close, where the client is removed.
  socket.onerror = () => {};
}

/** An authenticated client's arguments: its user and session unless it named them itself. */
function ownArgs(args: ClientArgs, identity: WsIdentity): ClientArgs {
  return { user: identity.userId, session: identity.sessionId, ...args };
}

/** An authenticated client may only subscribe as its own user and session. */
function argsBelongTo(args: ClientArgs, identity: WsIdentity): boolean {
  return (args.user === undefined || args.user === identity.userId) &&
    (args.session === undefined || args.session === identity.sessionId);
}
