/** A fresh embedded document store in a temporary directory, for tests of the store's users. */
import type { DocumentStore } from "../src/storage/document_store.ts";
import { createSqliteDocumentStore } from "../src/storage/sqlite/sqlite_document_store.ts";

/** Runs `body` on a new embedded store, closed and removed afterwards. */
export async function withTempStore(body: (store: DocumentStore) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "temp_store_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  try {
    await body(store);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}
