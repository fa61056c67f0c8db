/**
 * Reads a whole full dump, a directory per database (`<db>/_sd_dump_metadata.json.bz2` and
 * `<db>/<collection>.json.bz2`, each collection a JSON array) or a single file
 * (`{"_sd_dump_metadata": {...}, "<collection>": [...], ...}`), as Superdesk's `storage:dump`
 * writes them. Every database goes to our one store (README: Superdesk's databases and ours),
 * so collections of all databases are gathered in one map. Everything is read and checked
 * before the caller erases anything; a malformed file is a `DumpFormatError`.
 */
import { join } from "node:path";
import { type Doc, isDoc } from "../storage/document_store.ts";
import { DumpFormatError } from "./dump_format_error.ts";
import { readDumpFile } from "./dump_file.ts";
import { METADATA_KEY } from "./dump_paths.ts";

/** A dump, read. */
export interface Dump {
  /** The metadata of each database, by database name (a single file: one entry). */
  metadata: Map<string, Doc>;
  /** The documents of every collection, databases merged. */
  collections: Map<string, Doc[]>;
}

/** Superdesk's lock collection, never restored (its recorder skips it too). */
const SKIPPED = new Set(["mongolock.lock"]);

/** Reads the dump at `path` (a directory or a file). */
export async function readDump(path: string): Promise<Dump> {
  const dump: Dump = { metadata: new Map(), collections: new Map() };
  if ((await Deno.stat(path)).isDirectory) {
    for (const db of await sortedEntries(path, (entry) => entry.isDirectory)) {
      await readDatabaseDir(join(path, db), db, dump);
    }
    if (dump.metadata.size === 0) {
      throw new DumpFormatError(path, `not a dump (no <database>/${METADATA_KEY}.json.bz2)`);
    }
  } else {
    const content = await readDumpFile(path);
    if (!isDoc(content) || !isDoc(content[METADATA_KEY])) {
      throw new DumpFormatError(path, `not a dump (an object whose first key is ${METADATA_KEY})`);
    }
    const { [METADATA_KEY]: metadata, ...collections } = content;
    dump.metadata.set(String(metadata.db ?? ""), metadata);
    for (const [name, docs] of Object.entries(collections)) addCollection(dump, path, name, docs);
  }
  return dump;
}

async function readDatabaseDir(dir: string, db: string, dump: Dump) {
  const files = await sortedEntries(
    dir,
    (entry) => entry.isFile && entry.name.endsWith(".json.bz2"),
  );
  for (const file of files) {
    const name = file.slice(0, -".json.bz2".length);
    const content = await readDumpFile(join(dir, file));
    if (name === METADATA_KEY) {
      if (!isDoc(content)) throw new DumpFormatError(join(dir, file), "metadata is not an object");
      dump.metadata.set(db, content);
    } else {
      addCollection(dump, join(dir, file), name, content);
    }
  }
}

function addCollection(dump: Dump, file: string, name: string, docs: unknown) {
  if (!Array.isArray(docs) || !docs.every(isDoc)) {
    throw new DumpFormatError(file, `collection "${name}" is not an array of documents`);
  }
  if (SKIPPED.has(name)) return;
  if (!name || name.startsWith("system.")) {
    throw new DumpFormatError(file, `"${name}" is not a collection name to restore`);
  }
  const missingId = docs.findIndex((doc) => doc._id === undefined || doc._id === null);
  if (missingId >= 0) {
    throw new DumpFormatError(file, `document ${missingId} of "${name}" has no _id`);
  }
  const stored = dump.collections.get(name) ?? [];
  stored.push(...docs);
  dump.collections.set(name, stored);
}

async function sortedEntries(dir: string, keep: (entry: Deno.DirEntry) => boolean) {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) if (keep(entry)) names.push(entry.name);
  return names.sort();
}
