/** The document-store contract against MongoDB (FerretDB in CI), gated on `MONGO_URI`. */
import { MongoClient } from "mongodb";
import { isFerretDb } from "../../src/storage/mongo/ferretdb.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { documentStoreContract } from "../contracts/document_store_contract.ts";

const url = engineUrl("MONGO_URI");

if (url) {
  documentStoreContract("mongo document store", async () => {
    const client = new MongoClient(url);
    const dbName = uniqueName("test_docstore");
    const store = createMongoDocumentStore({ client, dbName });
    const ferretDb = await isFerretDb(client.db(dbName));
    return {
      store,
      unsupported: ferretDb ? ["elemMatchOnObjects", "elemMatchSeveralOperators"] : [],
      async cleanup() {
        await client.db(dbName).dropDatabase();
        await store.close();
      },
    };
  });
}
