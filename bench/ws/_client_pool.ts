/**
 * The benchmark's clients, all in the benchmark process: native WebSockets for our server
 * (ready once each got its first `{ping}`, which proves the server registered it) and
 * socket.io-client sockets (one connection each: `forceNew`) for Socket.IO. Every received
 * benchmark event is handed to `onEvent` with its receive time.
 */
import { io, type Socket } from "socket.io-client";
import { preciseNow } from "./_child_commands.ts";

/** The systems under test. */
export type System = "ours" | "socketio";

/** A benchmark event as received. */
export type Received = (payload: { k: number; t: number }, receivedAt: number) => void;

/** Connected clients. */
export interface ClientPool {
  size: number;
  close(): void;
}

/** Connects `count` clients to `port` in batches; resolves when all are ready. */
export async function connectPool(
  system: System,
  port: number,
  { count, batch = 200, onEvent }: { count: number; batch?: number; onEvent: Received },
): Promise<ClientPool> {
  const closers: Array<() => void> = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const opening = Array.from(
      { length: size },
      (_, i) =>
        system === "ours" ? connectOurs(port, start + i, onEvent) : connectSocketIo(port, onEvent),
    );
    closers.push(...await Promise.all(opening));
  }
  return { size: closers.length, close: () => closers.forEach((close) => close()) };
}

function connectOurs(port: number, index: number, onEvent: Received): Promise<() => void> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/?token=bench${index}`);
  const { promise, resolve, reject } = Promise.withResolvers<() => void>();
  socket.onmessage = (message) => {
    const frame = JSON.parse(message.data);
    if (frame.event === "bench") onEvent(frame.extra, preciseNow());
    else if ("ping" in frame) resolve(() => socket.close());
  };
  socket.onerror = () => reject(new Error(`client ${index} could not connect`));
  return promise;
}

function connectSocketIo(port: number, onEvent: Received): Promise<() => void> {
  const socket: Socket = io(`http://127.0.0.1:${port}`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  socket.on("bench", (payload: { k: number; t: number }) => onEvent(payload, preciseNow()));
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(() => socket.close()));
    socket.on("connect_error", reject);
  });
}
