/**
 * bzip2, the compression of Superdesk's dumps (`*.json.bz2`), through `compressjs`: the one
 * pure-JavaScript package that both encodes and decodes it (no native build, no WebAssembly
 * download), and whose decoder checks every block's and the stream's CRC, so a corrupt file is
 * an error rather than wrong JSON.
 */
import compressjs from "compressjs";
import { DumpFormatError } from "./dump_format_error.ts";

interface Bzip2Codec {
  compressFile(input: Uint8Array): ArrayLike<number>;
  decompressFile(input: Uint8Array): ArrayLike<number>;
}

const codec = (compressjs as { Bzip2: Bzip2Codec }).Bzip2;

/** The bzip2 stream of `data` (block size 900k, as Python's `bz2.BZ2Compressor`). */
export function compressBzip2(data: Uint8Array): Uint8Array {
  return Uint8Array.from(codec.compressFile(data));
}

/** The bytes of the bzip2 stream `data`; a `DumpFormatError` naming `file` when it is not one. */
export function decompressBzip2(data: Uint8Array, file: string): Uint8Array {
  try {
    return Uint8Array.from(codec.decompressFile(data));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DumpFormatError(file, `not a valid bzip2 stream (${reason})`);
  }
}
