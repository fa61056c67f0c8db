/**
 * A download stream with an idle limit: `body` read on demand, and a read that waits longer than
 * `idleMs` for its next chunk cancels `body` (closing its connection) and errors the stream with
 * `stalled()`. Only reads waiting on the source are timed: a slow reader of the stream never
 * trips it.
 */

/** `body` whose reads each get `idleMs` to bring a chunk, else `stalled()` ends it. */
export function idleBounded(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  stalled: () => Error,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(stalled()), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), late]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        await reader.cancel(error).catch(() => {});
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    async cancel(reason) {
      await reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
