/**
 * Micro-benchmark of the embedded document store's write path, side by side: each checkout given
 * on the command line (default: this one) opens its own `synchronous = FULL` store (the server's
 * default: group commit, then the write-ahead log flushed off the thread) and, alternating by
 * rounds, times in µs per write the writing thread's CPU, the process's CPU (the runtime's
 * blocking threads that flush the log included) and wall (medians of the rounds):
 * - `insert`: a new archive-sized document (~4 KB of JSON);
 * - `update`: `$set` of a state, version and date on a held one (a publish's state change).
 * One write per call, each awaited (its own commit and log flush, as a request's lone write).
 * Usage: `deno task bench:store-write [checkout ...]` (e.g. `/work/main .`); ROUNDS, DOCS per
 * round from the environment.
 */
import { printLine } from "../../src/log.ts";
import type { DocumentStore } from "../../src/storage/document_store.ts";
import { timed, type Timing, timingCell as cell } from "../_timed_calls.ts";

const ROUNDS = Number(Deno.env.get("ROUNDS") ?? 5);
const DOCS = Number(Deno.env.get("DOCS") ?? 300);
const checkouts = Deno.args.length ? Deno.args : ["."];

const BODY = `<p>${"Paragraph of the benchmark story. ".repeat(20)}</p>`.repeat(5);

type Open = (options: { path: string }) => DocumentStore;

async function main() {
  const dir = await Deno.makeTempDir({ prefix: "store_write_bench_" });
  const targets: Array<{ name: string; store: DocumentStore; times: Record<string, Timing[]> }> =
    [];
  for (const [k, checkout] of checkouts.entries()) {
    const url = new URL(
      "src/storage/sqlite/sqlite_document_store.ts",
      `file://${await Deno.realPath(checkout)}/`,
    );
    const { createSqliteDocumentStore } = await import(url.href) as {
      createSqliteDocumentStore: Open;
    };
    const store = createSqliteDocumentStore({ path: `${dir}/documents_${k}.db` });
    targets.push({ name: checkout, store, times: { insert: [], update: [] } });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const { store, times } of round % 2 ? [...targets].reverse() : targets) {
      const items = store.collection("archive");
      const id = (i: number) => `urn:newsml:bench:${round}:${i}`;
      times.insert!.push(
        await timed(DOCS, (i) =>
          items.insertMany([{
            _id: id(i),
            headline: `Bench story ${i}`,
            body_html: BODY,
            state: "in_progress",
            _current_version: 1,
            _updated: new Date(),
          }])),
      );
      times.update!.push(
        await timed(DOCS, (i) =>
          items.updateOne({ _id: id(i) }, {
            $set: { state: "published", _current_version: 2, _updated: new Date() },
          })),
      );
    }
  }
  printLine(
    `µs per write, thread CPU / process CPU / wall (medians of ${ROUNDS} rounds of ${DOCS}; ` +
      `one awaited write each)`,
  );
  printLine("checkout\tinsert\tupdate");
  for (const { name, store, times } of targets) {
    printLine(`${name}\t${cell(times.insert!)}\t${cell(times.update!)}`);
    await store.close();
  }
  await Deno.remove(dir, { recursive: true });
}

await main();
