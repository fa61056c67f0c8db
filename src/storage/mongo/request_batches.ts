/**
 * Batches of requests to one server command: the first request is sent at once, and the ones
 * made while a batch is with the server wait and go together in the next (no timer, so a lone
 * request pays nothing). Used for FerretDB's claims, where each write is a SQLite transaction.
 */

/** What a batch sends: one outcome per request, in order (a value or an error). */
export type SendBatch<K, R> = (requests: K[]) => Promise<Array<R | Error>>;

/** A function that queues `request` into the next batch of `send` and settles with its outcome. */
export function requestBatches<K, R>(send: SendBatch<K, R>): (request: K) => Promise<R> {
  let waiting: Array<{ request: K; resolve(value: R): void; reject(error: unknown): void }> = [];
  let sending = false;
  const drain = async () => {
    sending = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const outcomes = await send(batch.map(({ request }) => request));
        batch.forEach(({ resolve, reject }, at) => {
          const outcome = outcomes[at];
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome as R);
        });
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    sending = false;
  };
  return (request) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ request, resolve, reject });
      if (!sending) void drain();
    });
}
