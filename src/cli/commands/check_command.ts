/**
 * `superdesk check`: pings every configured engine and prints what it found (engine, version,
 * latency); exits 1 when any is unreachable.
 */
import { printLine } from "../../log.ts";
import type { Command } from "../command.ts";

export const checkCommand: Command = {
  name: "check",
  summary:
    "Ping every configured engine; print engine, version and latency; exit 1 if any is down.",
  usage: "",
  flags: {},
  async run(_args, ctx) {
    const platform = await ctx.platform();
    try {
      const statuses = await platform.readiness();
      for (const status of statuses) {
        const detail = status.ok
          ? `${status.engine} ${status.version ?? ""} (${status.latencyMs} ms)`
          : `${status.engine} UNREACHABLE: ${status.error}`;
        printLine(`${status.ok ? "ok  " : "FAIL"} ${status.seam.padEnd(10)} ${detail}`);
      }
      return statuses.every((status) => status.ok) ? 0 : 1;
    } finally {
      await platform.close();
    }
  },
};
