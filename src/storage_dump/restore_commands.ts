/**
 * `storage:restore` and `storage:restore-record` (Superdesk's `StorageRestore`,
 * `StorageRestoreRecord`). Both erase the data (unless `--keep-existing`), so
 * `storage:restore-record` of a record with a base dump needs `--force-db-reset` (Superdesk asks
 * on the terminal; we never read stdin). A server running meanwhile should be one sharing the
 * bus (Redis): the embedded bus does not reach other processes, whose caches would then keep
 * the old sessions for up to AUTH_CACHE_MS.
 */
import type { AppCommand } from "../apps/app_command.ts";
import { ConflictError, UsageError } from "../errors.ts";
import { printLine } from "../log.ts";
import { findDumpPath } from "./dump_paths.ts";
import { readDump } from "./read_dump.ts";
import { type RestoreResult, restoreUnderLock } from "./restore_data.ts";
import { loadRecord, restoreRecord } from "./restore_record.ts";

function onePositional(positional: string[], what: string): string {
  if (positional.length !== 1) throw new UsageError(`give one ${what}`);
  return positional[0]!;
}

function report(result: RestoreResult) {
  printLine(
    `restored: ${result.inserted} documents, ${result.events} events; ` +
      `${result.indexed} search entries indexed`,
  );
}

/** `storage:restore`. */
export const storageRestoreCommand: AppCommand = {
  name: "storage:restore",
  summary: "Restore a full dump (a name under STORAGE_DUMP_DIR or a path): erases everything, " +
    "loads the dump and rebuilds the search indexes.",
  usage: "<dump> [--keep-existing] [--no-flush]",
  flags: { "keep-existing": false, "no-flush": false },
  help: [
    "--keep-existing  do not erase the data first",
    "--no-flush       do not rebuild the search indexes from the store afterwards",
  ],
  async run(args, ctx) {
    const dest = onePositional(args.positional, "dump");
    const dump = await readDump(await findDumpPath(dest, ctx.config.storageDumpDir, "dump"));
    const services = await ctx.services();
    const restored = await restoreUnderLock(services, {
      dump,
      erase: args.flags["keep-existing"] !== true,
      reindex: args.flags["no-flush"] !== true,
    }).catch((error) => {
      if (error instanceof ConflictError) {
        throw new UsageError("another process is resetting the data; retry");
      }
      throw error;
    });
    report(restored);
    return 0;
  },
};

/** `storage:restore-record`. */
export const storageRestoreRecordCommand: AppCommand = {
  name: "storage:restore-record",
  summary: "Restore a record (a name under STORAGE_RECORD_DIR or a path): its base dump, then " +
    "its change events, then the search indexes.",
  usage: "<record> [--force-db-reset] [--skip-base-dump]",
  flags: { "force-db-reset": false, "skip-base-dump": false },
  help: [
    "--force-db-reset  erase the data to restore the record's base dump (required when it has one)",
    "--skip-base-dump  apply the events on the data as it is",
  ],
  async run(args, ctx) {
    const name = onePositional(args.positional, "record");
    const loaded = await loadRecord(name, ctx.config, {
      skipBaseDump: args.flags["skip-base-dump"] === true,
    });
    if (loaded.dump && args.flags["force-db-reset"] !== true) {
      throw new UsageError(
        `the record's base dump ${loaded.record.baseDump} will erase all your data: ` +
          "add --force-db-reset to confirm",
      );
    }
    report(await restoreRecord(await ctx.services(), loaded));
    return 0;
  },
};
