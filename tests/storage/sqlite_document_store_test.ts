/** The document-store contract against the embedded SQLite store, one temporary file per case. */
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { documentStoreContract } from "../contracts/document_store_contract.ts";

documentStoreContract("sqlite document store", async () => {
  const dir = await Deno.makeTempDir({ prefix: "docstore_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  return {
    store,
    async cleanup() {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});
