/**
 * An FTP server of a test's own, started and stopped with `scripts/services` (the same cached
 * pyftpdlib as the shared one), so an outage test can really stop the destination and start it
 * again without disturbing other suites. Its port is the shared server's plus 200 (passive ports
 * follow it), so it never collides with the shared one.
 */

import { servicesScript } from "../_services_script.ts";

/** A dedicated FTP server; `url` is its `ftp://user:password@host:port/`. */
export interface DedicatedFtp {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts the server next to the shared one at `sharedUrl`. */
export async function startDedicatedFtp(sharedUrl: string): Promise<DedicatedFtp> {
  const shared = new URL(sharedUrl);
  const port = Number(shared.port || 21) + 200;
  const env = {
    FTP_PORT: String(port),
    FTP_USER: decodeURIComponent(shared.username),
    FTP_PASSWORD: decodeURIComponent(shared.password),
  };
  const run = (command: "start" | "stop") => servicesScript(command, "ftp", env);
  await run("start");
  const url = new URL(sharedUrl);
  url.port = String(port);
  return { url: url.href, stop: () => run("stop"), start: () => run("start") };
}
