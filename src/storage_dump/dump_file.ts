/**
 * One file of a dump or a record: bzip2 when its name ends in `.bz2` (Superdesk's `open_dump`),
 * plain JSON otherwise, in MongoDB extended JSON (`extended_json.ts`).
 */
import { compressBzip2, decompressBzip2 } from "./bzip2.ts";
import { DumpFormatError } from "./dump_format_error.ts";
import { parseExtendedJson } from "./extended_json.ts";

/** The value in the file `path` (`unused`: as `parseExtendedJson`'s). */
export async function readDumpFile(
  path: string,
  options: { unused?: RegExp } = {},
): Promise<unknown> {
  const raw = await Deno.readFile(path);
  const bytes = path.endsWith(".bz2") ? decompressBzip2(raw, path) : raw;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DumpFormatError(path, "not UTF-8 text");
  }
  return parseExtendedJson(text, path, options);
}

/** Writes the extended JSON text `json` to `path`, compressed when it ends in `.bz2`. */
export async function writeDumpFile(path: string, json: string): Promise<void> {
  const bytes = new TextEncoder().encode(json);
  await Deno.writeFile(path, path.endsWith(".bz2") ? compressBzip2(bytes) : bytes);
}
