/**
 * `storage:dump` and `storage:list` (Superdesk's `StorageDump`, `StorageList`): a full dump of
 * the document store in Superdesk's format, and the dumps and records found, with their
 * descriptions.
 */
import { join } from "node:path";
import type { AppCommand } from "../apps/app_command.ts";
import { printLine } from "../log.ts";
import { isDoc } from "../storage/document_store.ts";
import { readDumpFile } from "./dump_file.ts";
import { dumpName, METADATA_KEY } from "./dump_paths.ts";
import { readRecord } from "./read_record.ts";
import { writeDump } from "./write_dump.ts";

/** `storage:dump`. */
export const storageDumpCommand: AppCommand = {
  name: "storage:dump",
  summary: "Dump the document store in Superdesk's format (a directory per database, or one " +
    "file with --single), bzip2-compressed MongoDB extended JSON.",
  usage: "[--name NAME] [--dest-dir DIR] [--description TEXT] [--single] [--collection A,B]",
  flags: { name: true, "dest-dir": true, description: true, single: false, collection: true },
  help: [
    "--name NAME         the dump's name (default superdesk-dump_<date and time>)",
    "--dest-dir DIR      where the dump goes (default STORAGE_DUMP_DIR, dump/full)",
    "--description TEXT  a description kept in the dump's metadata",
    "--single            one file <name>.json.bz2 instead of a directory",
    "--collection A,B    only these collections (default: all)",
  ],
  async run(args, ctx) {
    const services = await ctx.services();
    const text = (flag: string) => {
      const value = args.flags[flag];
      return typeof value === "string" ? value : undefined;
    };
    const { path, counts } = await writeDump(services.documents, {
      dir: text("dest-dir") ?? ctx.config.storageDumpDir,
      name: text("name"),
      description: text("description"),
      single: args.flags.single === true,
      collections: text("collection")?.split(",").map((name) => name.trim()).filter(Boolean),
      mainDb: ctx.config.mongoDbName,
    });
    for (const [collection, count] of counts) printLine(`${collection}: ${count} documents`);
    printLine(`dumped at ${path}`);
    return 0;
  },
};

/** `storage:list`. */
export const storageListCommand: AppCommand = {
  name: "storage:list",
  summary: "List the full dumps (STORAGE_DUMP_DIR) and records (STORAGE_RECORD_DIR), with " +
    "their descriptions.",
  async run(_args, ctx) {
    printLine("Full dumps");
    await listEntries(ctx.config.storageDumpDir, "dump", dumpDescription);
    printLine("Records");
    await listEntries(ctx.config.storageRecordDir, "record", async (path) => {
      return (await readRecord(path)).metadata.description;
    });
    return 0;
  },
};

async function listEntries(
  dir: string,
  kind: string,
  describe: (path: string) => Promise<unknown>,
) {
  let names: string[];
  try {
    names = [];
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory || /\.json(\.bz2)?$/.test(entry.name)) names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    printLine(`  no ${kind} found`);
    return;
  }
  if (names.length === 0) printLine(`  no ${kind} found`);
  for (const name of names.sort()) {
    try {
      const description = await describe(join(dir, name));
      printLine(`  ${dumpName(name)}${description ? `: ${description}` : ""}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      printLine(`Error while reading ${kind} at ${join(dir, name)}: ${reason}`, {
        stream: "stderr",
      });
    }
  }
}

/** A dump's description: its first database's metadata (a directory) or the file's. */
async function dumpDescription(path: string): Promise<unknown> {
  if (!(await Deno.stat(path)).isDirectory) {
    const content = await readDumpFile(path);
    return isDoc(content) && isDoc(content[METADATA_KEY])
      ? content[METADATA_KEY].description
      : undefined;
  }
  for await (const entry of Deno.readDir(path)) {
    if (!entry.isDirectory) continue;
    const metadata = await readDumpFile(join(path, entry.name, `${METADATA_KEY}.json.bz2`));
    if (isDoc(metadata) && metadata.description) return metadata.description;
  }
  return undefined;
}
