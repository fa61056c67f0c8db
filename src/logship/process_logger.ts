/**
 * The logger of a server process or task worker thread: JSON lines on stdout and, when a log
 * server is configured, the same lines shipped to it (see log_shipper.ts). Shipping problems are
 * reported on stdout only.
 */
import {
  createLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogSink,
  stdoutSink,
} from "../log.ts";
import { createLogShipper, type LogServerOptions, type LogShipper } from "./log_shipper.ts";
import { LogStats } from "./log_stats.ts";

/** A thread's logger and, when shipping, its shipper (close it last, to send what is left). */
export interface ProcessLogger {
  log: Logger;
  shipper?: LogShipper;
  /** The shared figures of shipping (new, or those of the parent thread). */
  stats: LogStats;
}

/** Creates the logger of this thread; `statsBuffer` shares the parent thread's figures. */
export function createProcessLogger(
  { level, fields, logServer, statsBuffer, local = stdoutSink }: {
    level: LogLevel;
    fields: LogFields;
    logServer?: LogServerOptions;
    statsBuffer?: SharedArrayBuffer;
    /** Where lines go beside the log server (stdout). */
    local?: LogSink;
  },
): ProcessLogger {
  const stats = new LogStats(statsBuffer);
  const localLog = createLogger({ level, fields, sink: local });
  if (!logServer) return { log: localLog, stats };
  const shipper = createLogShipper(logServer, { stats, log: localLog });
  const log = createLogger({
    level,
    fields,
    sink: (line) => {
      local(line);
      shipper.push(line);
    },
  });
  return { log, shipper, stats };
}
