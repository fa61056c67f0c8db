/**
 * The error of a dump or record that cannot be read (not bzip2, corrupt, not Superdesk's JSON):
 * a 400 on `POST /api/restore_record`, a message on the command line. Raised before anything
 * is erased.
 */
import { BadRequestError } from "../errors.ts";

/** A dump or record file that cannot be read; the message names the file and why. */
export class DumpFormatError extends BadRequestError {
  constructor(file: string, reason: string) {
    super(`Cannot read "${file}": ${reason}`);
    this.name = "DumpFormatError";
  }
}
