/**
 * A Web Worker for `sqlite_concurrency_test.ts`: opens the store file itself and performs
 * etag-guarded read-modify-write increments on one document, retrying on an etag mismatch.
 * Replies `{ successes, retries, errors }`.
 */
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

interface Job {
  path: string;
  id: string;
  increments: number;
}

const worker = self as unknown as Worker;
worker.onmessage = async (event: MessageEvent<Job>) => {
  const { path, id, increments } = event.data;
  const store = createSqliteDocumentStore({ path, synchronous: "NORMAL" });
  const counters = store.collection("counters");
  let successes = 0;
  let retries = 0;
  const errors: string[] = [];
  while (successes < increments) {
    try {
      const current = await counters.findOne({ _id: id });
      if (!current) throw new Error(`document ${id} is missing`);
      const updated = await counters.updateOne(
        { _id: id, _etag: current._etag },
        { $set: { n: (current.n as number) + 1, _etag: crypto.randomUUID() } },
      );
      if (updated) successes++;
      else retries++;
    } catch (error) {
      errors.push(String(error));
      break;
    }
  }
  await store.close();
  worker.postMessage({ successes, retries, errors });
};
