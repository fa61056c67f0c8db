/**
 * Micro-benchmark of the embedded search index's writes, side by side: each checkout given on
 * the command line (default: this one) opens its own index file and, alternating by rounds on
 * the same realistic archive items, times in µs per document the writing thread's CPU, the
 * process's CPU (the checkpoint thread included) and wall (medians of the rounds):
 * - `new`: indexing a document the index does not hold (a new archive item);
 * - `state`: re-indexing a held document with a new state, version and etag, text unchanged
 *   (the item after a publish);
 * - `copy`: indexing a new published copy of a held archive item, text unchanged (what a publish
 *   adds);
 * - `text`: re-indexing a held document whose body changed;
 * - `delete`: removing a document.
 * One document per call, each call awaited (its own group commit, as a request's write); the
 * index checkpoints its log as the server's API thread does (`checkpoints: "thread"`, where the
 * checkout has it).
 * Then, per checkout, the write-ahead log each kind of write adds per document (pages and KiB;
 * a fresh index file filled with PAGES_PREFILL documents and as many published copies,
 * checkpoints deferred, the log truncated before each kind, so its growth is exactly the frames
 * the commits wrote).
 * Usage: `deno run --config deno.dev.json --allow-all bench/search/index_write_bench.ts
 * [checkout ...]` (e.g. `/work/main .`); ROUNDS, DOCS per round from the environment.
 */
import { DatabaseSync } from "node:sqlite";
import { printLine } from "../../src/log.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { publishedResource } from "../../src/publish/published_resource.ts";
import type { SearchDoc, SearchIndex } from "../../src/search/search_index.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { timed, type Timing, timingCell as cell } from "../_timed_calls.ts";

const ROUNDS = Number(Deno.env.get("ROUNDS") ?? 5);
const DOCS = Number(Deno.env.get("DOCS") ?? 300);
const PAGES_PREFILL = Number(Deno.env.get("PAGES_PREFILL") ?? 2000);
const PAGES_DOCS = 50;
const checkouts = Deno.args.length ? Deno.args : ["."];

const BODY = [
  "The city council voted on Tuesday to extend the tram line to the northern suburbs,",
  "a project first proposed in 2019 that will cost an estimated $1.2 billion.",
  "Council member Jane O'Neil said the U.S. federal grant covers 40% of the cost,",
  "and work could start as early as March next year, pending an environmental review.",
].join(" ");

/** A realistic archive item: text fields, workflow fields, subjects, dates. */
function item(i: number, round: number, version: number, body = BODY): Doc {
  const at = new Date(Date.UTC(2026, 11, 5, 10, 0, 0) + round * 1e6 + i * 1000 + version);
  return {
    _id: `urn:newsml:bench:${round}:${i}`,
    guid: `urn:newsml:bench:${round}:${i}`,
    type: "text",
    language: "en",
    headline: `Council extends tram line ${i} to northern suburbs`,
    slugline: `tram-line-${i}`,
    abstract: "<p>The extension will cost an estimated $1.2 billion.</p>",
    body_html: `<p>${body}</p>`.repeat(6),
    byline: "By Jane Reporter",
    keywords: ["transport", "council", "budget"],
    subject: [
      { qcode: "11000000", name: "politics" },
      { qcode: "04000000", name: "economy, business and finance" },
    ],
    anpa_category: [{ qcode: "i", name: "International News" }],
    urgency: 3,
    priority: 5,
    state: version === 1 ? "in_progress" : "published",
    pubstatus: "usable",
    _current_version: version,
    version,
    task: { desk: "5f1a00000000000000000001", stage: "5f1a00000000000000000002", user: "u1" },
    original_creator: "5f1a0000000000000000000a",
    version_creator: "5f1a0000000000000000000a",
    firstcreated: new Date(Date.UTC(2026, 11, 5, 9, 0, 0)),
    versioncreated: at,
    _created: new Date(Date.UTC(2026, 11, 5, 9, 0, 0)),
    _updated: at,
    _etag: `etag-${round}-${i}-${version}`,
    word_count: 240,
  };
}

type Open = (options: { path: string; prefix: string; checkpoints?: string }) => SearchIndex;

/** The published copy of an archive item (as `published_service.ts` records one). */
function publishedCopy(item: Doc): SearchDoc {
  return toSearchDoc(publishedResource, {
    ...item,
    _id: `copy:${item._id}`,
    item_id: item._id,
    last_published_version: true,
    queue_state: "pending",
    moved_to_legal: false,
    _etag: `copy-${item._etag}`,
  });
}

/** Opens the embedded index of a checkout. */
async function opener(checkout: string): Promise<Open> {
  const url = new URL(
    `src/search/sqlite/sqlite_search_index.ts`,
    `file://${await Deno.realPath(checkout)}/`,
  );
  return (await import(url.href) as { createSqliteSearchIndex: Open }).createSqliteSearchIndex;
}

/** The kinds of writes, each a function of a document's number in a round. */
function writes(index: SearchIndex, round: number, n: number, doc: (d: Doc) => SearchDoc) {
  const fresh = Array.from({ length: n }, (_, i) => doc(item(i, round, 1)));
  const state = Array.from({ length: n }, (_, i) => doc(item(i, round, 2)));
  const text = Array.from({ length: n }, (_, i) => doc(item(i, round, 3, `${BODY} Update ${i}.`)));
  const copy = Array.from({ length: n }, (_, i) => publishedCopy(item(i, round, 2)));
  return {
    new: (i: number) => index.index("archive", [fresh[i]!]),
    state: (i: number) => index.index("archive", [state[i]!]),
    copy: (i: number) => index.index("published", [copy[i]!]),
    text: (i: number) => index.index("archive", [text[i]!]),
    delete: (i: number) => index.remove("archive", [fresh[i]!._id]),
  };
}

/** Log pages and KiB each kind of write adds per document (see the module comment). */
async function logPerDoc(open: Open, file: string, doc: (d: Doc) => SearchDoc) {
  const index = open({ path: file, prefix: "bench", checkpoints: "deferred" });
  await index.ensureIndex("archive", resourceMapping(archiveResource));
  await index.ensureIndex("published", resourceMapping(publishedResource));
  for (let i = 0; i < PAGES_PREFILL; i += 100) {
    const batch = Array.from({ length: 100 }, (_, k) => item(i + k, -1, 1));
    await index.index("archive", batch.map(doc));
    await index.index("published", batch.map(publishedCopy));
  }
  const side = new DatabaseSync(file);
  const { page_size: pageSize } = side.prepare("PRAGMA page_size").get() as { page_size: number };
  const out: string[] = [];
  for (const run of Object.values(writes(index, -2, PAGES_DOCS, doc))) {
    side.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (let i = 0; i < PAGES_DOCS; i++) await run(i);
    // A log frame is a 24-byte header and a page, after the log's 32-byte header.
    const frames = (Deno.statSync(`${file}-wal`).size - 32) / (pageSize + 24) / PAGES_DOCS;
    out.push(`${frames.toFixed(1)} / ${(frames * (pageSize + 24) / 1024).toFixed(1)}`);
  }
  side.close();
  await index.close();
  return out;
}

async function main() {
  const mapping = resourceMapping(archiveResource);
  const doc = (d: Doc): SearchDoc => toSearchDoc(archiveResource, d);
  const dir = await Deno.makeTempDir({ prefix: "index_write_bench_" });
  const targets: Array<{ name: string; index: SearchIndex; times: Record<string, Timing[]> }> = [];
  for (const [k, checkout] of checkouts.entries()) {
    const createSqliteSearchIndex = await opener(checkout);
    const index = createSqliteSearchIndex({
      path: `${dir}/search_${k}.db`,
      prefix: "bench",
      checkpoints: "thread",
    });
    await index.ensureIndex("archive", mapping);
    await index.ensureIndex("published", resourceMapping(publishedResource));
    const times = { new: [], state: [], copy: [], text: [], delete: [] };
    targets.push({ name: checkout, index, times });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const { index, times } of round % 2 ? [...targets].reverse() : targets) {
      const run = writes(index, round, DOCS, doc);
      times.new!.push(await timed(DOCS, run.new));
      times.state!.push(await timed(DOCS, run.state));
      times.copy!.push(await timed(DOCS, run.copy));
      times.text!.push(await timed(DOCS, run.text));
      if (round % 2) {
        times.delete!.push(await timed(DOCS, run.delete));
      }
    }
  }
  printLine(
    `µs per document, thread CPU / process CPU / wall (medians of ${ROUNDS} rounds of ${DOCS}; ` +
      `one awaited call each)`,
  );
  printLine(`checkout\tnew\tstate\tcopy\ttext\tdelete`);
  for (const { name, index, times } of targets) {
    const cells = ["new", "state", "copy", "text", "delete"].map((k) => cell(times[k]!));
    printLine(`${name}\t${cells.join("\t")}`);
    await index.close();
  }
  printLine(
    `write-ahead log per document, pages / KiB (${PAGES_DOCS} writes of each kind, ` +
      `one commit each, into ${PAGES_PREFILL} documents)`,
  );
  printLine(`checkout\tnew\tstate\tcopy\ttext\tdelete`);
  for (const [k, checkout] of checkouts.entries()) {
    const cells = await logPerDoc(await opener(checkout), `${dir}/log_${k}.db`, doc);
    printLine(`${checkout}\t${cells.join("\t")}`);
  }
  await Deno.remove(dir, { recursive: true });
}

await main();
