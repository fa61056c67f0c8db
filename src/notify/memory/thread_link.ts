/**
 * Point-to-point links from Web Worker threads to the thread that spawned them, over which the
 * memory buses of a worker send their events to the spawning thread's bus (which hosts the
 * WebSocket role and the replay history) instead of broadcasting them. A BroadcastChannel
 * message reaches every thread of the process that has a channel open, whatever its name, and
 * costs each about a millisecond of CPU per 30 KB batch: with four task workers, three of them paid
 * to receive each other's batches only to drop them. A `MessagePort` reaches one thread, for a
 * fortieth of that, and queues without bound where a BroadcastChannel drops what a busy thread
 * has not read after 256 messages.
 *
 * The spawning thread says over each link which channels a bus of its own hosts (`["host", name]`,
 * `["unhost", name]`); a worker's bus sends up only on a hosted channel, else broadcasts as before.
 */

/** Delivers one message of a channel (a JSON notification or array of them) to a local bus. */
export type Deliver = (text: string) => void;

type Down = ["host" | "unhost", string];
type Up = [channel: string, text: string];

/** This thread's hosting buses, by channel name, in creation order (the first one delivers). */
const hosts = new Map<string, Deliver[]>();
/** Links to the workers this thread spawned. */
const downlinks = new Set<MessagePort>();
/** The link to the spawning thread, and the channels a bus of it hosts. */
let uplink: MessagePort | undefined;
const hostedAbove = new Set<string>();
/** Waiting for a channel to be hosted above (`whenHostedAbove`), by channel name. */
const hostWaiters = new Map<string, Array<() => void>>();

/**
 * In the spawning thread: a link for one new worker; transfer `port` to it (see `useUplink`) and
 * call `release` when the worker is terminated. The messages it sent before still arrive: the
 * port closes when its other end goes with the worker.
 */
export function openDownlink(): { port: MessagePort; release(): void } {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = ({ data: [channel, text] }: MessageEvent<Up>) => {
    hosts.get(channel)?.[0]?.(text);
  };
  downlinks.add(port1);
  for (const channel of hosts.keys()) port1.postMessage(["host", channel] satisfies Down);
  return { port: port2, release: () => void downlinks.delete(port1) };
}

/** In a worker thread: its buses send their events through `port` (from `openDownlink`). */
export function useUplink(port: MessagePort) {
  uplink = port;
  port.onmessage = ({ data: [what, channel] }: MessageEvent<Down>) => {
    if (what !== "host") return void hostedAbove.delete(channel);
    hostedAbove.add(channel);
    for (const resolve of hostWaiters.get(channel) ?? []) resolve();
    hostWaiters.delete(channel);
  };
}

/**
 * In a worker thread: resolves once the spawning thread has said a bus of it hosts `channel`
 * (until then the worker's buses broadcast). The "host" message is queued on the link before
 * the worker starts, so this resolves in the worker's first turns.
 */
export function whenHostedAbove(channel: string): Promise<void> {
  if (hostedAbove.has(channel)) return Promise.resolve();
  const { promise, resolve } = Promise.withResolvers<void>();
  hostWaiters.set(channel, [...(hostWaiters.get(channel) ?? []), resolve]);
  return promise;
}

/** Sends `text` of `channel` to the spawning thread's bus; false when none hosts the channel. */
export function sendUp(channel: string, text: string): boolean {
  if (!uplink || !hostedAbove.has(channel)) return false;
  uplink.postMessage([channel, text] satisfies Up);
  return true;
}

/** Registers a bus of this thread for what workers send up on `channel`; returns the removal. */
export function host(channel: string, deliver: Deliver): () => void {
  const list = hosts.get(channel) ?? [];
  if (list.length === 0) announce(["host", channel]);
  hosts.set(channel, [...list, deliver]);
  return () => {
    const left = (hosts.get(channel) ?? []).filter((other) => other !== deliver);
    if (left.length > 0) return void hosts.set(channel, left);
    hosts.delete(channel);
    announce(["unhost", channel]);
  };
}

function announce(message: Down) {
  for (const port of downlinks) port.postMessage(message);
}
