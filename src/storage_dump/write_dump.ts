/**
 * `storage:dump`: writes every collection (or the chosen ones) of the document store in
 * Superdesk's dump format: a directory `<name>/<db>/` per Superdesk database
 * (`superdesk_databases.ts`) holding `_sd_dump_metadata.json.bz2` (`{db, started,
 * description}`) and `<collection>.json.bz2` (a JSON array), or with `single` one file
 * `<name>.json.bz2` holding `{"_sd_dump_metadata": {...}, "<collection>": [...], ...}`.
 * Documents are written in `_id` order, in extended JSON (`extended_json.ts`).
 */
import { join } from "node:path";
import { UsageError } from "../errors.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { writeDumpFile } from "./dump_file.ts";
import { METADATA_KEY } from "./dump_paths.ts";
import { toExtendedJson } from "./extended_json.ts";
import { superdeskDatabase } from "./superdesk_databases.ts";

/** Options of `writeDump`. */
export interface DumpOptions {
  /** The directory the dump goes in (created when missing). */
  dir: string;
  /** The dump's name (Superdesk's default: `superdesk-dump_<date and time>`). */
  name?: string;
  description?: string;
  single?: boolean;
  /** Only these collections (all when absent). */
  collections?: readonly string[];
  /** `MONGO_DBNAME`, the database most collections belong in. */
  mainDb: string;
  now?: Date;
}

/** Writes the dump; the path written and the documents per collection. */
export async function writeDump(
  documents: DocumentStore,
  { dir, name, description = "", single = false, collections, mainDb, now = new Date() }:
    DumpOptions,
): Promise<{ path: string; counts: Map<string, number> }> {
  const dumpName = name ?? `superdesk-dump_${now.toISOString().slice(0, 19)}`;
  const names = (await documents.collectionNames())
    .filter((collection) => !collections || collections.includes(collection));
  const read = (collection: string) =>
    documents.collection(collection).find({}, { sort: [["_id", 1]] });
  const metadata = (db: string): Doc => ({ db, started: now.getTime() / 1000, description });
  const counts = new Map<string, number>();
  await Deno.mkdir(dir, { recursive: true });
  if (single) {
    const path = join(dir, `${dumpName.replace(/\.json(\.bz2)?$/, "")}.json.bz2`);
    await refuseExisting(path);
    const parts = [`${JSON.stringify(METADATA_KEY)}: ${toExtendedJson(metadata(mainDb))}`];
    for (const collection of names) {
      const docs = await read(collection);
      counts.set(collection, docs.length);
      parts.push(`${JSON.stringify(collection)}: ${toExtendedJson(docs)}`);
    }
    await writeDumpFile(path, `{${parts.join(", ")}}`);
    return { path, counts };
  }
  const path = join(dir, dumpName);
  await refuseExisting(path);
  const databases = new Set([mainDb, ...names.map((c) => superdeskDatabase(c, mainDb))]);
  for (const db of databases) {
    await Deno.mkdir(join(path, db), { recursive: true });
    await writeDumpFile(join(path, db, `${METADATA_KEY}.json.bz2`), toExtendedJson(metadata(db)));
  }
  for (const collection of names) {
    const docs = await read(collection);
    counts.set(collection, docs.length);
    const file = join(path, superdeskDatabase(collection, mainDb), `${collection}.json.bz2`);
    await writeDumpFile(file, toExtendedJson(docs));
  }
  return { path, counts };
}

async function refuseExisting(path: string) {
  try {
    await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  throw new UsageError(`${path} exists already; choose another --name`);
}
