import { MongoClient } from "mongodb";
import { engineUrl, uniqueName } from "../_engines.ts";
import { traceSuite } from "./trace_suite.ts";

const mongoUri = engineUrl("MONGO_URI");
const redisUrl = engineUrl("REDIS_URL");
const dbName = uniqueName("trace");

traceSuite("engines", {
  MONGO_URI: mongoUri ?? "",
  MONGO_DBNAME: dbName,
  REDIS_URL: redisUrl ?? "",
  ELASTICSEARCH_INDEX: uniqueName("trace"),
}, {
  ignore: !mongoUri || !redisUrl,
  async cleanup() {
    const client = new MongoClient(mongoUri!);
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  },
});
