/**
 * `app.routes(loader)`: routes built on demand. A process serving the API calls the loader once
 * and serves its routes and OpenAPI paths; one that serves none (`routes: false`: worker
 * threads, commands) never calls it, and has no routes at all (every core app defers its own);
 * a failing loader stops the start naming the app.
 */
import assert from "node:assert/strict";
import { createRouter, defineApp, wireJson } from "../../src/app_api.ts";
import { AppLoadError } from "../../src/apps/load_apps.ts";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createTestApp } from "../_app.ts";

function loaderApp(calls: string[], fail = false) {
  return defineApp({
    name: "deferred",
    register(app) {
      app.privileges({ name: "deferred", label: "Deferred" });
      app.routes(async () => {
        calls.push("loaded");
        await Promise.resolve();
        if (fail) throw new Error("route module missing");
        const router = createRouter();
        router.get("/deferred_ping", () => wireJson({ pong: true }));
        return { router, paths: { "/deferred_ping": { get: { summary: "Deferred ping" } } } };
      });
    },
  });
}

Deno.test("an API process calls a route loader once and serves what it built", async () => {
  const calls: string[] = [];
  const test = await createTestApp({ apps: [loaderApp(calls)] });
  try {
    assert.deepEqual(calls, ["loaded"]);
    const response = await test.app.request("/api/deferred_ping");
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { pong: true });
    const openapi = await (await test.app.request("/api/openapi.json")).json();
    assert.equal(openapi.paths["/deferred_ping"]?.get?.summary, "Deferred ping");
  } finally {
    await test.close();
  }
});

Deno.test("a platform without routes never calls a loader, and has no routes", async () => {
  const calls: string[] = [];
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_test_" });
  try {
    const platform = await buildPlatform(loadConfig({ DATA_DIR: dataDir }), {
      log: silentLogger,
      metrics: new MetricsRegistry(),
      apps: [loaderApp(calls)],
      routes: false,
    });
    assert.deepEqual(calls, []);
    assert.deepEqual(platform.apiRoutes, []);
    assert.deepEqual(platform.apiPaths, []);
    assert.ok(platform.registry.has("archive"), "services are registered all the same");
    await platform.close();
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a failing route loader stops the start naming the app", async () => {
  await assert.rejects(
    createTestApp({ apps: [loaderApp([], true)] }),
    (error: unknown) =>
      error instanceof AppLoadError && /app "deferred".*route module missing/.test(error.message),
  );
});
