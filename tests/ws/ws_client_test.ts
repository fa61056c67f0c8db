import assert from "node:assert/strict";
import { WsClient } from "../../src/ws/ws_client.ts";

/** A socket stand-in that never flushes: every sent byte stays buffered; counts the reads of
 * `bufferedAmount`. */
function stalledSocket() {
  const state = { buffered: 0, reads: 0, sent: 0 };
  const socket = {
    readyState: WebSocket.OPEN,
    get bufferedAmount() {
      state.reads += 1;
      return state.buffered;
    },
    send(frame: string) {
      state.buffered += new TextEncoder().encode(frame).length;
      state.sent += 1;
    },
  } as unknown as WebSocket;
  return { socket, state };
}

Deno.test("a client is cut as slow at the same send as when its buffer is read before each", () => {
  const limit = 10_000;
  const frame = JSON.stringify({ event: "e", extra: { text: "é".repeat(40) } });
  const bytes = new TextEncoder().encode(frame).length;
  const { socket, state } = stalledSocket();
  let slow = 0;
  const client = new WsClient(socket, {
    args: {},
    identity: null,
    maxBufferedBytes: limit,
    onSlow: () => slow += 1,
  });
  let sent = 0;
  while (client.send(frame)) sent += 1;
  // Reading before every send refuses the first send that finds more than `limit` buffered.
  assert.equal(sent, Math.floor(limit / bytes) + 1);
  assert.equal(slow, 1);
  assert.ok(state.reads < sent / 4, `bufferedAmount read ${state.reads} times for ${sent} sends`);
});

Deno.test("sendAll sends every frame in order, or none to a slow client", () => {
  const { socket, state } = stalledSocket();
  const client = new WsClient(socket, {
    args: {},
    identity: null,
    maxBufferedBytes: 100,
    onSlow: () => {},
  });
  assert.equal(client.sendAll(["a".repeat(60), "b".repeat(60)]), 2);
  assert.equal(client.sendAll(["c"]), 0, "120 bytes buffered: slow");
  assert.equal(state.sent, 2);
});
