/**
 * The `ws` role: WebSocket upgrades on WS_PORT, authenticated with the same session tokens the
 * API accepts, fed by the platform's notification bus.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { Platform } from "../platform.ts";
import { createWsApp, type WsIdentity } from "../ws/ws_app.ts";
import type { ShutdownStep } from "./shutdown.ts";

/** Resolves a socket's token to its user and session through the platform's authenticator. */
export function wsIdentityOf(platform: Platform) {
  return async (token: string): Promise<WsIdentity | null> => {
    const actor = await platform.authenticator(token);
    return actor?.userId && actor.sessionId
      ? { userId: actor.userId, sessionId: actor.sessionId }
      : null;
  };
}

/** Starts the WebSocket server; returns its shutdown step. */
export function startWsRole(
  config: Readonly<Config>,
  platform: Platform,
  { log, metrics }: { log: Logger; metrics: MetricsRegistry },
): ShutdownStep {
  const ws = createWsApp({
    bus: platform.bus,
    authenticate: wsIdentityOf(platform),
    allowUnauthenticated: config.wsAllowUnauthenticated,
    allowedOrigins: config.xDomains,
    pingMs: config.wsPingMs,
    idleTimeoutSeconds: config.wsIdleTimeoutSeconds,
    maxBufferedBytes: config.wsMaxBufferedBytes,
    metrics,
    log,
  });
  const server = Deno.serve({
    hostname: config.wsHost,
    port: config.wsPort,
    onListen: ({ hostname, port }) => log.info("listening", { role: "ws", hostname, port }),
  }, ws.app.fetch);
  return {
    name: "ws",
    run: async () => {
      await ws.close();
      await server.shutdown();
    },
  };
}
