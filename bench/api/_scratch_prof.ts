// scratch (deleted after use): profile our server on one operation
import { MongoClient } from "mongodb";
import { startOurs } from "./_targets.ts";
import { type Operation } from "./_steps.ts";
import { runLoad } from "./load.ts";
const [op, store] = Deno.args as [Operation, string];
const uri = "mongodb://127.0.0.1:27017";
const client = store === "mongo" ? new MongoClient(uri) : undefined;
const t = await startOurs({
  storage: {
    dir: Deno.makeTempDirSync(),
    ...(client ? { mongo: { client, uri, dbName: `prof_${Date.now()}` } } : {}),
  },
  seed: 300,
});
const r = await runLoad(t.steps(op), { concurrency: 16, seconds: 6 });
console.log(op, store, r);
await t.stop();
await client?.close();
