/**
 * `storage:restore-record` and `POST /api/restore_record`: finds the record by name or path
 * (under `STORAGE_RECORD_DIR`), reads it and its base dump (under `STORAGE_DUMP_DIR`) whole,
 * so an unknown name or a corrupt file is a 400 before anything is erased, then erases and
 * restores (`restore_data.ts`) under the `prepopulate` lock, which prepopulate holds too: two
 * resets never interleave across processes (Superdesk's `Lock()`); a second process answers 409.
 */
import type { ServiceContext } from "../resources/service_context.ts";
import { findDumpPath } from "./dump_paths.ts";
import { type Dump, readDump } from "./read_dump.ts";
import { readRecord, type StorageRecord } from "./read_record.ts";
import { type RestoreResult, restoreUnderLock } from "./restore_data.ts";

/** A record and its base dump, read and checked. */
export interface LoadedRecord {
  record: StorageRecord;
  /** Its base dump, unless it has none or it is skipped. */
  dump?: Dump;
}

/** Where dumps and records are. */
export interface DumpDirs {
  storageDumpDir: string;
  storageRecordDir: string;
}

/**
 * Reads the record `name` and its base dump (unless `skipBaseDump`); with `underDirOnly` the
 * record is looked for under `STORAGE_RECORD_DIR` only (`findDumpPath`).
 */
export async function loadRecord(
  name: string,
  dirs: DumpDirs,
  { skipBaseDump = false, underDirOnly = false }: {
    skipBaseDump?: boolean;
    underDirOnly?: boolean;
  } = {},
): Promise<LoadedRecord> {
  const path = await findDumpPath(name, dirs.storageRecordDir, "record", { underDirOnly });
  const record = await readRecord(path);
  if (!record.baseDump || skipBaseDump) return { record };
  const dump = await readDump(await findDumpPath(record.baseDump, dirs.storageDumpDir, "dump"));
  return { record, dump };
}

/**
 * Restores a loaded record under the reset lock: with a base dump everything is erased first;
 * without one the events are applied on the data as it is (as Superdesk's).
 */
export async function restoreRecord(
  ctx: ServiceContext,
  { record, dump }: LoadedRecord,
): Promise<RestoreResult> {
  return await restoreUnderLock(ctx, {
    dump,
    events: record.events,
    erase: dump !== undefined,
    reindex: true,
  });
}
