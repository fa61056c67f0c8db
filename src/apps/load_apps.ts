/**
 * Loads the apps named by `INSTALLED_APPS` (Superdesk's setting of the same name): each entry
 * is a module whose default export is an app (`export default defineApp({...})`).
 *
 * An entry is a path relative to the server's directory (the one holding `main.ts`, as Python
 * module paths are relative to Superdesk's project), an absolute path, or a URL or package
 * specifier used as it is (`file:`, `https:`, `npm:`, `jsr:`). Relative paths resolve against
 * the server's directory rather than the working directory so that one `INSTALLED_APPS` works
 * under `deno run` from anywhere, in every worker thread, and inside a `deno compile` binary
 * (whose embedded files keep their layout; see README "Writing an app").
 *
 * A module that cannot be imported, or whose default export is not an app, stops the start with
 * an `AppLoadError` naming the entry.
 */
import { type App, defineApp } from "./app.ts";

/** The server's directory: `INSTALLED_APPS` paths are relative to it. */
export const SERVER_ROOT = new URL("../../", import.meta.url);

/** An app and where it came from (its `INSTALLED_APPS` entry; none for core modules). */
export interface LoadedApp {
  app: App;
  source?: string;
}

/** An app could not be loaded or registered; the message names it. Stops the start. */
export class AppLoadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppLoadError";
  }
}

/** The module URL or specifier an `INSTALLED_APPS` entry names. */
export function resolveAppSpecifier(entry: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry) && !/^[a-z]:[\\/]/i.test(entry)) return entry;
  if (entry.startsWith("/")) return new URL(`file://${encodePath(entry)}`).href;
  return new URL(encodePath(entry), SERVER_ROOT).href;
}

/** Imports every entry, in order; the first failure throws naming its entry. */
export async function loadInstalledApps(entries: readonly string[]): Promise<LoadedApp[]> {
  const loaded: LoadedApp[] = [];
  for (const entry of entries) {
    let module: { default?: unknown };
    try {
      module = await import(resolveAppSpecifier(entry));
    } catch (error) {
      throw new AppLoadError(`INSTALLED_APPS: "${entry}" cannot be loaded: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (module.default === undefined) {
      throw new AppLoadError(
        `INSTALLED_APPS: "${entry}" has no default export; it must \`export default defineApp({...})\``,
      );
    }
    try {
      loaded.push({ app: defineApp(module.default as App), source: entry });
    } catch (error) {
      throw new AppLoadError(`INSTALLED_APPS: "${entry}" is not a valid app: ${messageOf(error)}`);
    }
  }
  return loaded;
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** The message of `error`. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
