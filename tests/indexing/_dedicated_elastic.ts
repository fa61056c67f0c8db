/**
 * An Elasticsearch node of a test's own, started and stopped with `scripts/services` (the same
 * cached install as the shared engine), so a fault test can really stop the engine and start it
 * again — its indexes then recover from disk — without disturbing other suites. Its HTTP port is
 * the shared engine's plus 50 (transport plus 150), so parallel set-ups on distinct ports (a CI
 * clone beside a developer's engines) never collide; its data stays in the services cache
 * between runs, as the shared engine's does.
 */

import { servicesScript } from "../_services_script.ts";

/** A dedicated node; `stop` and `start` wait for the script (start: until the node answers). */
export interface DedicatedElastic {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts the node next to the shared engine at `sharedUrl`. */
export async function startDedicatedElastic(sharedUrl: string): Promise<DedicatedElastic> {
  const port = Number(new URL(sharedUrl).port || 9200) + 50;
  const env = {
    ES_PORT: String(port),
    ES_TRANSPORT_PORT: String(port + 100),
    ES_HEAP: "512m",
    // A backstop only: a JVM start on a loaded machine can outlast the script's default 180 s.
    SUPERDESK_SERVICES_TIMEOUT: "900",
  };
  const run = (command: "start" | "stop") => servicesScript(command, "elasticsearch", env);
  await run("start");
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => run("stop"),
    start: () => run("start"),
  };
}
