/** The worker threads' tasks module of `_probe_server.ts`: the app's, plus the probe module. */
import { taskEnvironmentWith } from "../../workers/app_task_environment.ts";
import { traceProbeModule } from "../fixtures/trace_probe_module.ts";

export const createTaskEnvironment = taskEnvironmentWith([traceProbeModule]);
