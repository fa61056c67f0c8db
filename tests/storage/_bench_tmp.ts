import { DatabaseSync } from "node:sqlite";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { encodeJson, decodeJson } from "../../src/storage/sqlite/json_codec.ts";

const dir = await Deno.makeTempDir();
const N = 3000;
function docOf(i: number) {
  return { _id: `id${i}`, _etag: "e", state: i % 3 ? "draft" : "published", headline: "Some headline " + i,
    body_html: "<p>" + "lorem ipsum ".repeat(40) + "</p>", _created: new Date(), _updated: new Date(), subject: [{ qcode: "01000000", name: "arts" }], version: 1 };
}
async function time(label: string, ops: number, fn: (i: number) => unknown) {
  for (let i = 0; i < 200; i++) await fn(i);
  const t = performance.now();
  for (let i = 0; i < ops; i++) await fn(i);
  const ms = performance.now() - t;
  return ops / ms * 1000;
}
// raw
const raw = new DatabaseSync(`${dir}/raw.db`);
raw.exec("PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id TEXT PRIMARY KEY, doc TEXT NOT NULL); CREATE INDEX t_u ON t(json_extract(doc,'$._updated'))");
const rIns = raw.prepare("INSERT INTO t VALUES (?, ?)");
const rGet = raw.prepare("SELECT doc FROM t WHERE id = ?");
const rList = raw.prepare("SELECT doc FROM t ORDER BY json_extract(doc,'$._updated') DESC LIMIT 25 OFFSET 0");
const rUpd = raw.prepare("UPDATE t SET doc = ? WHERE id = ?");
const store = createSqliteDocumentStore({ path: `${dir}/store.db` });
const col = store.collection("items");
await col.ensureIndexes([{ name: "updated", keys: { _updated: -1 } }]);
const res: Record<string, [number, number]> = {};
res.post = [await time("raw post", N, (i) => rIns.run(`r${i}`, encodeJson(docOf(i)))), await time("post", N, (i) => col.insertMany([docOf(i)]))];
res.get = [await time("raw get", N, (i) => decodeJson((rGet.get(`r${i % N}`) as any).doc)), await time("get", N, (i) => col.findOne({ _id: `id${i % N}` }))];
res.list25 = [await time("raw list", 1000, () => (rList.all() as any[]).map((r) => decodeJson(r.doc))), await time("list", 1000, () => col.find({}, { sort: [["_updated", -1]], limit: 25 }))];
res.patch = [await time("raw patch", N, (i) => {
  raw.exec("BEGIN IMMEDIATE");
  const row = rGet.get(`r${i % N}`) as any; const d = decodeJson(row.doc); d.headline = "x" + i; d._etag = "e" + i;
  rUpd.run(encodeJson(d), `r${i % N}`); raw.exec("COMMIT");
}), await time("patch", N, async (i) => {
  const cur = await col.findOne({ _id: `id${i % N}` });
  await col.updateOne({ _id: `id${i % N}`, _etag: cur!._etag }, { $set: { headline: "x" + i, _etag: "e" + i } });
})];
for (const [k, [r, s]] of Object.entries(res)) console.log(k, Math.round(r), Math.round(s), (s / r * 100).toFixed(0) + "%");
await store.close(); raw.close();
await Deno.remove(dir, { recursive: true });
