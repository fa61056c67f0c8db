/**
 * The benchmark's clients of one client process, on the same WebSocket library for both
 * systems (npm `ws`, which socket.io-client runs on; Deno's native client costs more CPU per
 * message, which on a shared machine would slow the server under test): plain `ws` sockets for
 * our server and the floor (ready once each got its first `{ping}`, which proves the server
 * registered it) and socket.io-client sockets (one connection each: `forceNew`, ready at
 * `connect`, which the server acknowledges). Every received benchmark event is handed to `onEvent` with its receive
 * time.
 */
import { io, type Socket } from "socket.io-client";
import { WebSocket } from "ws";
import { preciseNow } from "./_child_commands.ts";

/** The systems under test (`floor`: a bare Deno send loop, see _floor_server.ts). */
export type System = "ours" | "socketio" | "floor";

/** A benchmark event as received. */
export type Received = (payload: { k: number; t: number }, receivedAt: number) => void;

/** Connected clients. */
export interface ClientPool {
  size: number;
  /** Resolves when the server has registered every client. */
  ready: Promise<void>;
  /** Closes every client; resolves once they report closed (or after a few seconds). */
  close(): Promise<void>;
}

/** A connected client: how to close it, and when it is ready to receive. */
interface Connected {
  close: () => Promise<void>;
  ready: Promise<void>;
}

/** Connects `count` clients (numbered from `first`) to `port` in batches; resolves when all
 * are open. */
export async function connectPool(
  system: System,
  port: number,
  { count, first = 0, batch = 200, onEvent }: {
    count: number;
    first?: number;
    batch?: number;
    onEvent: Received;
  },
): Promise<ClientPool> {
  const connected: Connected[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const opening = Array.from(
      { length: size },
      (_, i) =>
        system === "socketio"
          ? connectSocketIo(port, onEvent)
          : connectOurs(port, { index: first + start + i, onEvent }),
    );
    connected.push(...await Promise.all(opening));
  }
  return {
    size: connected.length,
    ready: Promise.all(connected.map((client) => client.ready)).then(() => {}),
    async close() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => timer = setTimeout(resolve, 5000));
      await Promise.race([Promise.all(connected.map((client) => client.close())), grace]);
      clearTimeout(timer);
    },
  };
}

function connectOurs(
  port: number,
  { index, onEvent }: { index: number; onEvent: Received },
): Promise<Connected> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/?token=bench${index}`);
  const pinged = Promise.withResolvers<void>();
  const { promise, resolve, reject } = Promise.withResolvers<Connected>();
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data));
    if (frame.event === "bench") onEvent(frame.extra, preciseNow());
    else if ("ping" in frame) pinged.resolve();
  });
  const closed = new Promise<void>((done) => socket.on("close", () => done()));
  const close = () => (socket.close(), closed);
  socket.on("open", () => resolve({ close, ready: pinged.promise }));
  socket.on("error", () => reject(new Error(`client ${index} could not connect`)));
  return promise;
}

function connectSocketIo(port: number, onEvent: Received): Promise<Connected> {
  const socket: Socket = io(`http://127.0.0.1:${port}`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  socket.on("bench", (payload: { k: number; t: number }) => onEvent(payload, preciseNow()));
  return new Promise((resolve, reject) => {
    const closed = new Promise<void>((done) => socket.on("disconnect", () => done()));
    const close = () => (socket.close(), closed);
    socket.on("connect", () => resolve({ close, ready: Promise.resolve() }));
    socket.on("connect_error", reject);
  });
}
