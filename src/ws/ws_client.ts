/**
 * One connected WebSocket client: its socket, subscription arguments and identity, the live
 * events held while its replay runs, and the two rules of sending: never to a closed socket,
 * and never past `maxBufferedBytes` of unsent data (Deno does not push back, §4.7 of
 * tasks-and-websockets.md), which makes the client "slow". Reading `bufferedAmount` is a call
 * into Deno per read, so the client keeps an upper bound of it (the last reading plus every
 * frame sent since, at 3 bytes per UTF-16 unit and a frame header each) and reads the real
 * figure only when that bound passes the limit: the slow-or-not decision is the same as reading
 * it before every send.
 */
import type { Notification } from "../notify/notification.ts";
import type { ClientArgs } from "./subscription_filters.ts";

/** The most bytes a WebSocket frame header takes (server frames are unmasked). */
const FRAME_HEADER_BYTES = 10;

/** The close code for a client whose unsent buffer passed the limit. */
export const SLOW_CLIENT_CLOSE_CODE = 4008;

/** Who the client authenticated as; null for a legacy unauthenticated client. */
export interface WsIdentity {
  userId: string;
  sessionId: string;
}

/** A connected client. */
export class WsClient {
  readonly socket: WebSocket;
  readonly args: ClientArgs;
  readonly identity: WsIdentity | null;
  /** Live events that arrived during the replay; undefined when not replaying. */
  held: Notification[] | undefined;
  /** Encoded event frames the hub queued for this client, oldest first, in `outbox[0, queued)`
   * (owned by the hub). Slots are overwritten, never emptied: emptying an array drops its
   * storage, and 10,000 outboxes reallocated per event made most of a fan-out's garbage. */
  readonly outbox: string[] = [];
  /** How many frames of `outbox` are queued. */
  queued = 0;
  /** Which slot of the staggered keepalive this client belongs to (set by the hub). */
  pingSlot = 0;
  /** An event frame went out since the keepalive's last turn for this client (set by
   * `sendAll`, cleared by the hub's keepalive). */
  sentSinceKeepalive = false;
  #closed = false;
  #maxBufferedBytes: number;
  /** At least `socket.bufferedAmount`: its last reading plus the most the frames sent since
   * can add. */
  #bufferedBound = 0;
  #onSlow: (client: WsClient) => void;

  constructor(
    socket: WebSocket,
    { args, identity, maxBufferedBytes, onSlow }: {
      args: ClientArgs;
      identity: WsIdentity | null;
      maxBufferedBytes: number;
      onSlow: (client: WsClient) => void;
    },
  ) {
    this.socket = socket;
    this.args = args;
    this.identity = identity;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#onSlow = onSlow;
  }

  /** True once the client was closed by either side. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends `frame`; false (and nothing sent) when closed, not open, or too slow. */
  send(frame: string): boolean {
    if (!this.#writable()) return false;
    this.#send(frame);
    return true;
  }

  /** Sends the first `count` of `frames` (all by default) in order, judged slow or not once
   * before them; how many were sent (all or none). */
  sendAll(frames: readonly string[], count = frames.length): number {
    if (!this.#writable()) return 0;
    for (let i = 0; i < count; i++) this.#send(frames[i]!);
    this.sentSinceKeepalive = true;
    return count;
  }

  #send(frame: string) {
    this.socket.send(frame);
    this.#bufferedBound += frame.length * 3 + FRAME_HEADER_BYTES;
  }

  /** Open, and not past the unsent-bytes limit (else the client is reported slow). */
  #writable(): boolean {
    if (this.#closed || this.socket.readyState !== WebSocket.OPEN) return false;
    if (this.#bufferedBound <= this.#maxBufferedBytes) return true;
    this.#bufferedBound = this.socket.bufferedAmount;
    if (this.#bufferedBound > this.#maxBufferedBytes) {
      this.#onSlow(this);
      return false;
    }
    return true;
  }

  /** Marks the client closed; true only the first time (Deno may report a close twice). */
  markClosed(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    this.held = undefined;
    return true;
  }

  /** Closes the socket with `code` and `reason`; true only the first time. */
  close(code: number, reason: string): boolean {
    if (!this.markClosed()) return false;
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closing or closed: nothing left to do.
    }
    return true;
  }
}
