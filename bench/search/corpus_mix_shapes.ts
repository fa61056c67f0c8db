/**
 * `bench:search-mix-shapes`: the corpus mix of `bench:search` (`corpus_mix.ts`: the same items,
 * the same generated queries) on the embedded index alone, each query timed: per query shape,
 * p50, p99, mean and share of the total time (median of the rounds per query), then the slowest
 * queries with their bodies. Finds which shapes make the mix's tail.
 */
import process from "node:process";
import { printLine } from "../../src/log.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { loadIndex, mixQueries, RESOURCE } from "./corpus_mix.ts";

const corpus = Deno.env.get("NEWS_CORPUS");
if (!corpus) throw new Error("set NEWS_CORPUS (scripts/news_corpus fetch)");
const items = Number(Deno.env.get("BENCH_CORPUS_ITEMS") ?? 20_000);
const count = Number(Deno.env.get("BENCH_CORPUS_QUERIES") ?? 300);
const rounds = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);
const slowest = Number(Deno.env.get("BENCH_SLOWEST") ?? 20);

const { docs, queries } = await mixQueries(corpus, items, count);
const dir = await Deno.makeTempDir({ prefix: "corpus_mix_shapes_" });
const index = createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "mix" });
try {
  await loadIndex(index, docs);
  for (const { body } of queries.slice(0, 20)) await index.search([RESOURCE], body);
  const times: number[][] = queries.map(() => []);
  const walk = [`after loading: write-ahead log ${walSize(`${dir}/search.db-wal`)} MB`];
  for (let round = 0; round < rounds; round++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (const [i, { body }] of queries.entries()) {
      const started = performance.now();
      await index.search([RESOURCE], body);
      times[i]!.push(performance.now() - started);
    }
    const used = process.cpuUsage(cpu);
    walk.push(
      `round ${round + 1}: mean ${fmt((performance.now() - wall) / queries.length)} ms, CPU ${
        fmt((used.user + used.system) / 1000 / queries.length)
      } ms per query, write-ahead log ${walSize(`${dir}/search.db-wal`)} MB`,
    );
  }
  const each = times.map((t) => median(t));
  const total = each.reduce((a, b) => a + b, 0);
  const shapes = Map.groupBy(
    queries.map((q, i) => ({ shape: q.shape, ms: each[i]! })),
    (q) => q.shape,
  );
  printLine(
    `embedded index, news corpus query mix (${docs.length} items, ${queries.length} queries, ` +
      `median of ${rounds} per query): all p50 ${fmt(at(each, 0.5))}, p99 ${
        fmt(at(each, 0.99))
      }, mean ${fmt(total / each.length)} ms`,
  );
  for (const line of walk) printLine(line);
  printLine(`${"shape".padEnd(38)}    n   p50 ms   p99 ms  mean ms  share`);
  const rows = [...shapes].map(([shape, list]) => {
    const ms = list.map((q) => q.ms);
    const sum = ms.reduce((a, b) => a + b, 0);
    return { shape, n: ms.length, p50: at(ms, 0.5), p99: at(ms, 0.99), mean: sum / ms.length, sum };
  }).sort((a, b) => b.sum - a.sum);
  for (const r of rows) {
    printLine(
      `${r.shape.padEnd(38)} ${String(r.n).padStart(4)} ${fmt(r.p50).padStart(8)} ${
        fmt(r.p99).padStart(8)
      } ${fmt(r.mean).padStart(8)} ${(100 * r.sum / total).toFixed(1).padStart(5)}%`,
    );
  }
  printLine(`\nslowest ${slowest} queries (median ms, shape, body):`);
  const order = each.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, slowest);
  for (const { ms, i } of order) {
    printLine(`${fmt(ms).padStart(8)}  ${queries[i]!.shape}  ${JSON.stringify(queries[i]!.body)}`);
  }
} finally {
  await index.close();
  await Deno.remove(dir, { recursive: true });
}

function walSize(path: string): string {
  try {
    return (Deno.statSync(path).size / 1024 / 1024).toFixed(1);
  } catch {
    return "0";
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

function at(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function fmt(ms: number): string {
  return ms.toFixed(2);
}
