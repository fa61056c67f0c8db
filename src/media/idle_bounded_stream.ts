/**
 * A download stream with an idle limit: `body` read on demand, and a read that waits longer than
 * `idleMs` for its next chunk cancels `body` (closing its connection) and errors the stream with
 * `stalled()`. Only reads waiting on the source are timed: a slow reader of the stream never
 * trips it.
 */
import { TIMED_OUT, within } from "../deadline.ts";

/** `body` whose reads each get `idleMs` to bring a chunk, else `stalled()` ends it. */
export function idleBounded(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  stalled: () => Error,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      let read: ReadableStreamReadResult<Uint8Array> | typeof TIMED_OUT;
      try {
        read = await within(reader.read(), idleMs);
      } catch (error) {
        await reader.cancel(error).catch(() => {});
        throw error;
      }
      if (read === TIMED_OUT) {
        const error = stalled();
        await reader.cancel(error).catch(() => {});
        throw error;
      }
      if (read.done) controller.close();
      else controller.enqueue(read.value);
    },
    async cancel(reason) {
      await reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
