/**
 * Runs Lua scripts by SHA (EVALSHA), loading them with EVAL when the server does not know them
 * (first use, or after a restart flushed the script cache).
 */

/** The part of a node-redis client the runner needs. */
export interface CommandClient {
  sendCommand<T = unknown>(args: ReadonlyArray<string>): Promise<T>;
}

/** Runs `script` with `keys` and `args`; returns the raw reply. */
export type ScriptRunner = <T = unknown>(
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<T>;

/** A runner bound to `client`, caching each script's SHA-1. */
export function createScriptRunner(client: CommandClient): ScriptRunner {
  const shas = new Map<string, string>();
  return async function run<T>(
    script: string,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<T> {
    let sha = shas.get(script);
    if (!sha) {
      sha = await sha1(script);
      shas.set(script, sha);
    }
    const tail = [String(keys.length), ...keys, ...args.map(String)];
    try {
      return await client.sendCommand<T>(["EVALSHA", sha, ...tail]);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      return await client.sendCommand<T>(["EVAL", script, ...tail]);
    }
  };
}

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
