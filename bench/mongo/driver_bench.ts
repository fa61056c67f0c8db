/**
 * Our process's CPU per MongoDB command in isolation (issue #19): the document store's find by
 * `_id` (`first`) and findAndModify by `_id`, 1 and 16 in flight, on `MONGO_URI`, through the
 * `npm:mongodb` driver and through our own connections (`wire_pool.ts`), alternating rounds.
 * Prints µs of CPU (user + system, whole process) per command and commands/s, medians of the
 * rounds. Usage: `deno task bench:mongo [--n=1000] [--rounds=3] [--only=find|update] [--transport=driver|wire]
 * [--<driver option>=value …]` (e.g. `--enableUtf8Validation=false`). Not a test.
 */
import { MongoClient } from "mongodb";
import process from "node:process";
import {
  driverOperations,
  type MongoOperations,
  wireOperations,
} from "../../src/storage/mongo/mongo_operations.ts";
import { WirePool, wirePoolFor } from "../../src/storage/mongo/wire_pool.ts";
import { printLine } from "../../src/log.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { median } from "../api/load.ts";

const args: Record<string, string> = Object.fromEntries(
  Deno.args.map((arg) => arg.replace(/^--/, "").split("=", 2) as [string, string]),
);
const n = Number(args.n ?? 1000);
const rounds = Number(args.rounds ?? 3);
const uri = Deno.env.get("MONGO_URI");
if (!uri) throw new Error("MONGO_URI is not set");
const driverOptions: Record<string, unknown> = {};
for (const [key, value] of Object.entries(args)) {
  if (["n", "rounds", "only", "transport"].includes(key)) continue;
  driverOptions[key] = value === "true"
    ? true
    : value === "false"
    ? false
    : /^\d+$/.test(value)
    ? Number(value)
    : value;
}
const client = new MongoClient(uri, driverOptions);
const pool: WirePool | undefined = wirePoolFor(uri);
if (!pool || !(await pool.usable())) printLine("our connections cannot serve this URI");
const dbName = `bench_mongo_${crypto.randomUUID().slice(0, 8)}`;
const collection = client.db(dbName).collection<Doc>("items");
const ids = Array.from({ length: 500 }, (_, i) => `item-${i}`);
const seeded: Doc[] = ids.map((id, i) => ({
  _id: id,
  kind: "seed",
  ref: `seed-${i}`,
  name: `Contact ${i}`,
  age: i % 90,
  tags: ["news", `desk-${i % 7}`],
  location: { city: `City ${i % 50}`, street: `${i} Main Street` },
  _etag: crypto.randomUUID(),
}));
await driverOperations(collection, 10_000).insertOrdered(seeded);

const transports: Record<string, MongoOperations> = {
  driver: driverOperations(collection, 10_000),
};
if (pool?.isUsable) transports.wire = wireOperations(pool, dbName, "items", 10_000);
if (args.transport) {
  for (const name of Object.keys(transports)) if (name !== args.transport) delete transports[name];
}

type Op = (ops: MongoOperations, i: number) => Promise<unknown>;
const ops: Record<string, Op> = {
  "find by _id": (o, i) => o.first({ _id: ids[i % ids.length] }),
  "update by _id": (o, i) =>
    o.findOneAndUpdate({ _id: ids[(i * 7) % ids.length] }, {
      $set: { name: `Patched ${i}`, age: i % 90 },
    }),
};

async function run(op: Op, operations: MongoOperations, inFlight: number, count: number) {
  let next = 0;
  const before = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) await op(operations, next++);
  }));
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(before);
  return { cpuUs: (cpu.user + cpu.system) / count, perSecond: count / wall * 1000 };
}

try {
  for (const [name, op] of Object.entries(ops)) {
    if (args.only && !name.startsWith(args.only)) continue;
    for (const inFlight of [1, 16]) {
      const results: Record<string, Array<{ cpuUs: number; perSecond: number }>> = {};
      for (const operations of Object.values(transports)) {
        await run(op, operations, inFlight, 100); // warm-up
      }
      for (let round = 0; round < rounds; round++) {
        for (const [transport, operations] of Object.entries(transports)) {
          (results[transport] ??= []).push(await run(op, operations, inFlight, n));
        }
      }
      for (const [transport, runs] of Object.entries(results)) {
        printLine(
          `${name.padEnd(14)} ${String(inFlight).padStart(2)} in flight ${transport.padEnd(6)}: ${
            median(runs.map((r) => r.cpuUs)).toFixed(0).padStart(4)
          } µs CPU/command [${runs.map((r) => r.cpuUs.toFixed(0)).join(", ")}], ${
            median(runs.map((r) => r.perSecond)).toFixed(0)
          } commands/s`,
        );
      }
    }
  }
} finally {
  await client.db(dbName).dropDatabase();
  pool?.close();
  await client.close();
}
