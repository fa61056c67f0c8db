/**
 * The apps a process loads, in registration order: the core modules, then `INSTALLED_APPS` in
 * the order listed. Used by `buildPlatform` in every role and worker thread, and by the CLI to
 * list the commands apps add before any engine is opened.
 */
import { type LoadedApp, loadInstalledApps } from "../apps/load_apps.ts";
import type { Config } from "../config/config.ts";
import { coreApps } from "../modules/core_apps.ts";

/** Core apps, then the installed ones (imported on first use; later calls hit the module cache). */
export async function configuredApps(config: Readonly<Config>): Promise<LoadedApp[]> {
  return [
    ...coreApps(config).map((app) => ({ app })),
    ...await loadInstalledApps(config.installedApps),
  ];
}
