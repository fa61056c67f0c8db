/**
 * Closes a `BroadcastChannel` and resolves after one turn of the event loop. Deno 2.9.6: when the
 * process's last channel is closed and another is opened before the loop turns, every later
 * `postMessage` on the new channel throws "TypeError: expected i32" (a platform closed and
 * another built straight after in one process: tests, a CLI command run twice in-process). A
 * caller awaiting `close()` then cannot open a channel in that window.
 */
export function closeBroadcastChannel(channel: BroadcastChannel): Promise<void> {
  channel.close();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
