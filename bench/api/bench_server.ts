/**
 * Our API server for the benchmark: the `api` branch of `src/cli/serve.ts`, built the same way
 * (`loadConfig` from the environment, `buildPlatform`, `apiAppFor`, `drainable`, `Deno.serve`) with `bench_items` added to the core modules, plus an administrator `bench`
 * (password BENCH_PASSWORD) to log in with. Stops on SIGTERM or SIGINT.
 */
import { createUser } from "../../src/auth/create_user.ts";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { drainable } from "../../src/http/drain.ts";
import { registerProcessMetrics } from "../../src/http/ops_routes.ts";
import { createLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { benchModule } from "./_bench_module.ts";

const config = loadConfig(Deno.env.toObject(), { roles: ["api"] });
const log = createLogger({ level: config.logLevel, fields: { role: "api" } });
const metrics = new MetricsRegistry();
registerProcessMetrics(metrics);
const platform = await buildPlatform(config, {
  log,
  metrics,
  apps: [benchModule],
});
await createUser(platform.registry, {
  username: "bench",
  password: Deno.env.get("BENCH_PASSWORD") ?? "",
  email: "bench@localhost",
  admin: true,
});
const app = apiAppFor(platform, { log, metrics });
const handler = drainable(app.fetch);
const server = Deno.serve(
  { hostname: config.host, port: config.port, onListen: () => {} },
  handler.fetch,
);
await new Promise<void>((resolve) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) Deno.addSignalListener(signal, resolve);
});
await handler.drain(2000);
await server.shutdown();
await platform.close();
