/**
 * The `npm:mongodb` client for `MONGO_URI`, with our defaults for options the URI leaves unset.
 */
import { MongoClient } from "mongodb";

/** Creates the client for `uri` (it connects on its first operation). */
export function createMongoClient(uri: string): MongoClient {
  return new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
}
