/**
 * The server's import map (`deno.json`, lock `deno.lock`) holds only what the server imports, so
 * a first `deno task start` downloads nothing else (Deno fetches every npm package of the lock);
 * benchmark and test tooling lives in `deno.dev.json` (lock `deno.dev.lock`), which repeats the
 * server's entries at the same pins.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

async function readJson(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(new URL(name, ROOT)));
}

/** The npm packages (name@version_peers) in the module graph of `entry`, as Deno resolves it. */
async function npmPackagesOf(entry: string): Promise<string[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT.pathname,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const info = JSON.parse(new TextDecoder().decode(output.stdout));
  return Object.keys(info.npmPackages ?? {});
}

Deno.test("deno.lock holds exactly the npm packages that main.ts and the worker modules import", async () => {
  const entries = [
    "main.ts",
    "workers/task_worker.ts",
    "workers/app_task_environment.ts",
    "workers/image_worker.ts",
  ];
  const reached = new Set((await Promise.all(entries.map(npmPackagesOf))).flat());
  const lock = await readJson("deno.lock") as { npm: Record<string, unknown> };
  assert.deepEqual(Object.keys(lock.npm).sort(), [...reached].sort());
});

Deno.test("deno.dev.json repeats every runtime import at its pin, with the same compiler options", async () => {
  const runtime = await readJson("deno.json");
  const dev = await readJson("deno.dev.json");
  const runtimeImports = runtime.imports as Record<string, string>;
  const devImports = dev.imports as Record<string, string>;
  for (const [name, target] of Object.entries(runtimeImports)) {
    assert.equal(devImports[name], target, `deno.dev.json must map "${name}" to ${target}`);
  }
  assert.deepEqual(dev.compilerOptions, runtime.compilerOptions);
  assert.equal(dev.nodeModulesDir, runtime.nodeModulesDir);
  const devOnly = Object.keys(devImports).filter((name) => !(name in runtimeImports));
  assert.ok(devOnly.includes("bullmq") && devOnly.includes("socket.io"), devOnly.join(", "));
});
