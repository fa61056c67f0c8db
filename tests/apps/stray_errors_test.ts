/**
 * Errors nobody awaits (an app's fire-and-forget promise that rejects, a timer that throws) are
 * logged and do not take the api role down: the binary, with an app that causes both on each
 * story update, keeps answering afterwards.
 */
import assert from "node:assert/strict";
import { startServer } from "../_server_process.ts";
import { chiefClient, createChief } from "./_served_app.ts";

Deno.test({
  name: "a stray rejection or timer error from an app is logged and the server keeps serving",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "superdesk_stray_" });
    const env = { DATA_DIR: dataDir, INSTALLED_APPS: "tests/apps/fixtures/stray_errors_app.ts" };
    await createChief(env);
    const server = await startServer(["--role=api"], { env });
    try {
      const api = await chiefClient(server.ports.api!);
      const story = await api("POST", "/api/archive", { headline: "One" });
      const item = await api("GET", `/api/archive/${story._id}`);
      await api("PATCH", `/api/archive/${story._id}`, { headline: "Two" }, item._etag);
      const rejection = await server.waitFor((r) =>
        r.msg === "unhandled promise rejection; still serving"
      );
      assert.equal((rejection.error as { message: string }).message, "floating rejection");
      const thrown = await server.waitFor((r) => r.msg === "uncaught error; still serving");
      assert.equal((thrown.error as { message: string }).message, "timer threw");
      assert.equal((await api("GET", `/api/archive/${story._id}`)).headline, "Two");
    } finally {
      assert.equal(await server.stop(), 0);
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
