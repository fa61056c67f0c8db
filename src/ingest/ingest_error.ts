/**
 * Ingest errors with Superdesk's numeric codes (`superdesk/errors.py`: ParserError 1xxx,
 * SuperdeskIngestError 2000-2002, ProviderError 2xxx, IngestFileError 3xxx, IngestApiError 4xxx,
 * IngestFtpError 5xxx, IngestEmailError 6xxx). The code is what the client shows on a provider's
 * status and what `critical_errors` (close the provider) refers to; `GET /api/io_errors` lists
 * them per feeding service.
 */

/** Every code we raise, with Superdesk's message. */
export const INGEST_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  1001: "Message could not be parsed",
  1002: "Ingest file could not be parsed",
  1003: "ANPA file could not be parsed",
  1004: "NewsML1 input could not be processed",
  1005: "NewsML2 input could not be processed",
  1006: "NITF input could not be processed",
  1007: "WENN input could not be processed",
  1008: "IPTC7901 input could not be processed",
  2000: "Configured Feed Parser either not found or not registered with the application",
  2001: "Configuration of the feeding service is missing or incomplete",
  2002: "Invalid feed parser value",
  2004: "Ingest error",
  2009: "Ingest item error",
  3003: "Ingest path not found",
  3004: "Ingest path is not directory",
  4000: "Unknown API ingest error",
  4001: "API ingest connection has timed out.",
  4002: "API ingest has too many redirects",
  4003: "API ingest has request error",
  4005: "API ingest xml parse error",
  4006: "API service not found(404) error",
  4007: "API authorization error",
  4009: "API ingest connection error",
  5000: "FTP ingest error",
  5001: "FTP parser could not be found",
  5002: "FTP Auth error",
  5003: "FTP Host error",
  6000: "Email authentication failure",
  6001: "Email parse error",
  6002: "Email ingest error",
  6003: "Email host error",
  6004: "Email mailbox error",
};

/** A failure of a feeding service or a parser, with its Superdesk code. */
export class IngestError extends Error {
  readonly code: number;
  /** What went wrong in this instance (the cause's message). */
  readonly detail: string;

  constructor(code: number, detail: string, options: { cause?: unknown } = {}) {
    super(`${INGEST_ERROR_MESSAGES[code] ?? "Ingest error"}: ${detail}`, options);
    this.name = "IngestError";
    this.code = code;
    this.detail = detail;
  }
}

/** `error` as an IngestError: itself, or wrapped with `code`. */
export function asIngestError(error: unknown, code: number): IngestError {
  if (error instanceof IngestError) return error;
  return new IngestError(code, error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
