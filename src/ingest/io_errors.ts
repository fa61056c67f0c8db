/**
 * `GET /api/io_errors` (Superdesk's `IOErrorsService`): every ingest error code with its
 * message (`all_errors`), and with `source_type` the codes a feeding service raises
 * (`source_errors`).
 */
import { INGEST_ERROR_MESSAGES } from "./ingest_error.ts";

/** The codes each feeding service raises, by Superdesk's ranges. */
const SERVICE_CODES: Record<string, (code: number) => boolean> = {
  rss: (code) => code >= 4000 && code < 5000,
  http: (code) => code >= 4000 && code < 5000,
  reuters_http: (code) => code >= 4000 && code < 5000,
  bbc_ldrs: (code) => code === 1001,
  ritzau: (code) => code === 2001 || (code >= 4000 && code < 5000),
  ftp: (code) => code >= 5000 && code < 6000,
  file: (code) => code >= 3000 && code < 4000,
  email: (code) => code >= 6000 && code < 7000,
};

/** The `io_errors` item for `sourceType` (all errors without one). */
export function ioErrors(sourceType?: string): Record<string, unknown> {
  const all = messages(() => true);
  if (!sourceType) return { all_errors: all };
  const belongs = SERVICE_CODES[sourceType.toLowerCase()] ?? (() => false);
  return {
    all_errors: messages((code) => code < 2000),
    source_errors: messages(belongs),
  };
}

function messages(keep: (code: number) => boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(INGEST_ERROR_MESSAGES).filter(([code]) => keep(Number(code))),
  );
}
