/**
 * Structured JSON logging: one line per record on stdout. The only module that writes to the
 * console (lint rule `no-console` keeps `console` out of the others), so every record has the
 * same shape: `{level, time, role, msg, ...fields}`.
 */

/** Severity levels, lowest first. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = typeof LOG_LEVELS[number];

/** Extra structured fields attached to a record (request id, route, status...). */
export type LogFields = Record<string, unknown>;

/** A logger bound to a role and optional fixed fields. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger;
}

/** Where records go; tests pass a sink to capture them. */
export type LogSink = (line: string) => void;

/**
 * Writes each line to stdout (the default sink), synchronously as `printLine` does: at the
 * default level every request logs a line, and `console.log` cost 4–5 times as much per line.
 */
export const stdoutSink: LogSink = (line) => printLine(line);

const drop = () => {};

/** Creates a logger writing records at `level` and above. */
export function createLogger(
  { level = "info", fields = {}, sink = stdoutSink }: {
    level?: LogLevel;
    fields?: LogFields;
    sink?: LogSink;
  } = {},
): Logger {
  return new JsonLogger(LOG_LEVELS.indexOf(level), fields, sink);
}

/**
 * The logger of `createLogger`. A child costs one object (every request makes one); a record
 * below the threshold is dropped before any formatting.
 */
class JsonLogger implements Logger {
  readonly #threshold: number;
  readonly #fields: LogFields;
  readonly #sink: LogSink;

  constructor(threshold: number, fields: LogFields, sink: LogSink) {
    this.#threshold = threshold;
    this.#fields = fields;
    this.#sink = sink;
  }

  debug(msg: string, extra?: LogFields): void {
    if (this.#threshold <= 0) this.#write("debug", msg, extra);
  }

  info(msg: string, extra?: LogFields): void {
    if (this.#threshold <= 1) this.#write("info", msg, extra);
  }

  warn(msg: string, extra?: LogFields): void {
    if (this.#threshold <= 2) this.#write("warn", msg, extra);
  }

  error(msg: string, extra?: LogFields): void {
    if (this.#threshold <= 3) this.#write("error", msg, extra);
  }

  child(more: LogFields): Logger {
    return new JsonLogger(this.#threshold, { ...this.#fields, ...more }, this.#sink);
  }

  #write(level: LogLevel, msg: string, extra: LogFields | undefined): void {
    const record = { level, time: new Date().toISOString(), ...this.#fields, msg, ...extra };
    this.#sink(JSON.stringify(record, errorReplacer));
  }
}

/** Errors serialise as `{name, message, stack}` instead of `{}`. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** A logger that drops everything without formatting it; for tests and benchmarks. */
export const silentLogger: Logger = {
  debug: drop,
  info: drop,
  warn: drop,
  error: drop,
  child: () => silentLogger,
};

const encoder = new TextEncoder();

/** Writes plain text for humans (CLI output, help) and the log lines; the only console path. */
export function printLine(
  text: string,
  { stream = "stdout" }: { stream?: "stdout" | "stderr" } = {},
) {
  const bytes = encoder.encode(text.endsWith("\n") ? text : text + "\n");
  const target = stream === "stdout" ? Deno.stdout : Deno.stderr;
  let written = 0;
  while (written < bytes.length) written += target.writeSync(bytes.subarray(written));
}
