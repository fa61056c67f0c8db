/**
 * Where dumps and records are found, as Superdesk's `get_dest_path`: a name or path is tried as
 * given, under the dumps (or records) directory, and with `.json.bz2` or `.json` added; a base
 * dump a record names as a path under Superdesk's `dump/full` is also found by its last part
 * under our dumps directory (`STORAGE_DUMP_DIR`).
 */
import { basename, join } from "node:path";
import { BadRequestError } from "../errors.ts";

/** Superdesk's name of a dump's metadata (a key of a single file, a file of a directory). */
export const METADATA_KEY = "_sd_dump_metadata";

/** The suffixes a dump or record file may have. */
const SUFFIXES = ["", ".json.bz2", ".json"];

/** The existing file or directory `dest` names under `dir`; a 400 naming it when none. */
export async function findDumpPath(dest: string, dir: string, kind: "dump" | "record") {
  const bases = [dest, join(dir, dest), join(dir, basename(dest))];
  for (const suffix of SUFFIXES) {
    for (const base of bases) {
      const path = base + suffix;
      if (await exists(path)) return path;
    }
  }
  throw new BadRequestError(`There is no ${kind} at ${dest}.`);
}

/** The name of a dump or record at `path`, without `.json.bz2`/`.json`. */
export function dumpName(path: string): string {
  return basename(path).replace(/\.json(\.bz2)?$/, "");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
