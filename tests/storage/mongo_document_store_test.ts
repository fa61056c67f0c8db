/** The document-store contract against MongoDB (FerretDB in CI), gated on `MONGO_URI`. */
import { MongoClient } from "mongodb";
import { isFerretDb } from "../../src/storage/mongo/ferretdb.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { wirePoolFor } from "../../src/storage/mongo/wire_pool.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { documentStoreContract } from "../contracts/document_store_contract.ts";

const url = engineUrl("MONGO_URI");

/** The contract over the driver alone, and with our own connections where the URI allows. */
const transports = url && wirePoolFor(url) ? ["driver", "wire"] as const : ["driver"] as const;

for (const transport of url ? transports : []) {
  const title = transport === "driver" ? "mongo document store" : "mongo document store (wire)";
  documentStoreContract(title, async () => {
    const client = new MongoClient(url!);
    const dbName = uniqueName("test_docstore");
    const wire = transport === "wire" ? wirePoolFor(url!) : undefined;
    const store = createMongoDocumentStore({ client, dbName, wire });
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
