import { MongoClient } from "mongodb";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

let seed = Number(Deno.args[0] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const scalars = [0, 1, 2, 5, "a", "b", "B", true, false, null, new Date("2024-01-01T00:00:00Z"), new Date("2025-01-01T00:00:00Z")];
function value(depth = 0): unknown {
  const r = rnd();
  if (r < 0.5 || depth > 1) return pick(scalars);
  if (r < 0.75 && depth === 0) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(1));
  if (r < 0.75) return pick(scalars);
  return { b: value(depth + 1), c: pick(scalars) };
}
function doc(i: number) {
  const d: Record<string, unknown> = { _id: `d${i}` };
  for (const f of ["a", "x"]) if (rnd() < 0.8) d[f] = value();
  return d;
}
function cond(): Record<string, unknown> {
  const field = pick(["a", "a.b", "a.c", "x", "x.b", "a.0"]);
  const v = pick(scalars);
  const r = rnd();
  if (r < 0.2) return { [field]: v };
  const op = pick(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$size", "$all", "$not", "$regex", "$elemMatch"]);
  switch (op) {
    case "$gt": case "$gte": case "$lt": case "$lte":
      return { [field]: { [op]: pick([0, 1, 2, "a", "B", new Date("2024-06-01T00:00:00Z")]) } };
    case "$in": case "$nin": case "$all": return { [field]: { [op]: [pick(scalars), pick(scalars)] } };
    case "$exists": return { [field]: { $exists: rnd() < 0.5 } };
    case "$size": return { [field]: { $size: Math.floor(rnd() * 3) } };
    case "$regex": return { [field]: { $regex: pick(["^a", "b", "^B$", "."]), $options: pick(["", "i"]) } };
    case "$elemMatch": return { [field]: { $elemMatch: pick([{ $gt: 0 }, { $gte: "a" }, { $in: [1, "b"] }, { $ne: 1 }, { $lt: 2, $gt: 0 }]) } };
    case "$not": return { [field]: { $not: { $gt: pick([0, 1, "a"]) } } };
    default: return { [field]: { [op]: v } };
  }
}
function query(depth = 0): Record<string, unknown> {
  const r = rnd();
  if (r < 0.7 || depth > 1) return cond();
  return { [pick(["$and", "$or", "$nor"])]: [query(depth + 1), query(depth + 1)] };
}
const dir = await Deno.makeTempDir();
const sqlite = createSqliteDocumentStore({ path: `${dir}/f.db`, synchronous: "NORMAL" });
const client = new MongoClient("mongodb://127.0.0.1:27017");
const dbName = "fuzz_docstore_" + crypto.randomUUID().slice(0, 8);
const mongo = createMongoDocumentStore({ client, dbName });
const docs = Array.from({ length: 40 }, (_, i) => doc(i));
await sqlite.collection("t").insertMany(docs);
await mongo.collection("t").insertMany(structuredClone(docs));
let diffs = 0;
for (let i = 0; i < Number(Deno.args[1] ?? 300); i++) {
  const q = query();
  const [s, m] = await Promise.all([sqlite, mongo].map((st) => st.collection("t").find(q, { sort: [["_id", 1]] }).then((ds) => ds.map((d) => d._id).join(","), (e) => "ERR " + e.message)));
  if (s !== m && diffs++ < 15) {
    const sIds = new Set(s!.split(",")), mIds = new Set(m!.split(","));
    const only = [...sIds].filter((x) => !mIds.has(x)).concat([...mIds].filter((x) => !sIds.has(x))).slice(0, 3);
    console.log(JSON.stringify(q), "\n  sqlite-only/mongo-only sample:", only.map((id) => JSON.stringify(docs.find((d) => d._id === id))).join(" | "), "\n  sqlite:", s!.slice(0, 80), "\n  mongo: ", m!.slice(0, 80));
  }
}
console.log("diffs", diffs);
await client.db(dbName).dropDatabase(); await client.close(); await sqlite.close(); await Deno.remove(dir, { recursive: true });
