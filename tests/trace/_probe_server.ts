/**
 * The server binary's entry (`src/cli/serve.ts`, as `main.ts` runs it) with the trace probe
 * module loaded in every role, worker threads included (`_probe_tasks_module.ts`).
 */
import { serve } from "../../src/cli/serve.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { createProcessLogger } from "../../src/logship/process_logger.ts";
import { traceProbeModule } from "../fixtures/trace_probe_module.ts";

const config = loadConfig(Deno.env.toObject());
const logging = createProcessLogger({
  level: config.logLevel,
  fields: { role: config.roles.join(",") },
  logServer: config.logServer,
});
Deno.exit(
  await serve(config, logging, {
    apps: [traceProbeModule],
    tasksModule: new URL("./_probe_tasks_module.ts", import.meta.url),
  }),
);
