/**
 * An installed app's task runs in a real worker thread: the binary started with
 * `--role=api,worker` and `INSTALLED_APPS` naming the example apps, on the embedded default and
 * on the real engines. Creating and then updating a story over HTTP sends the app's signals in
 * the api, whose handler enqueues the scan; a worker thread (which built its own platform with
 * the same apps) runs it, and the claims appear in `GET /api/fact_checks`.
 */
import assert from "node:assert/strict";
import { dropDatabase } from "../_app.ts";
import { dropElasticIndices, engineUrl, uniqueName } from "../_engines.ts";
import { startServer } from "../_server_process.ts";
import { EXAMPLE_APPS } from "./_apps_fixture.ts";
import { chiefClient, createChief } from "./_served_app.ts";

for (const engine of ["embedded", "engines"] as const) {
  Deno.test({
    name: `[${engine}] an installed app's task is run by a worker thread on its signal`,
    ignore: engine === "engines" && !(engineUrl("MONGO_URI") && engineUrl("REDIS_URL")),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dataDir = await Deno.makeTempDir({ prefix: "superdesk_apps_" });
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        LOG_LEVEL: "debug",
        INSTALLED_APPS: EXAMPLE_APPS.join(","),
      };
      if (engine === "engines") {
        Object.assign(env, {
          MONGO_URI: engineUrl("MONGO_URI")!,
          REDIS_URL: engineUrl("REDIS_URL")!,
          MONGO_DBNAME: uniqueName("apps"),
          ELASTICSEARCH_INDEX: uniqueName("apps"),
        });
        const elastic = Deno.env.get("ELASTICSEARCH_URL");
        if (elastic) env.ELASTICSEARCH_URL = elastic;
      }
      await createChief(env);
      const server = await startServer(["--role=api,worker", "--workers=1"], { env });
      try {
        await server.waitFor((r) => r.msg === "task worker ready");
        const api = await chiefClient(server.ports.api!);
        const desk = await api("POST", "/api/desks", { name: "Politics" });
        const created = await api("POST", "/api/archive", {
          headline: "Turnout",
          body_html: "<p>Turnout reached 61% on Sunday.</p>",
          task: { desk: desk._id },
        });
        const first = await server.waitFor((r) =>
          r.msg === "fact checks scanned" && r.item === created._id
        );
        assert.equal(first.added, 1);
        assert.equal(first.app, "fact_checks");
        assert.equal(first.role, "worker");
        assert.equal(typeof first.index, "number", "logged by a worker thread");

        const story = await api("GET", `/api/archive/${created._id}`);
        await api("PATCH", `/api/archive/${created._id}`, {
          body_html: "<p>Turnout reached 61% on Sunday.</p><p>It was 48% in 2019. " +
            "Officials expect 2 more polls.</p>",
        }, story._etag);
        const second = await server.waitFor((r) =>
          r.msg === "fact checks scanned" && r.item === created._id && r.added === 2
        );
        assert.equal(typeof second.index, "number");
        const done = await server.waitFor((r) =>
          r.msg === "task done" && r.task === "fact_checks:scan"
        );
        assert.equal(done.role, "worker");

        const where = encodeURIComponent(JSON.stringify({ item: created._id }));
        const checks = await api("GET", `/api/fact_checks?where=${where}`);
        assert.deepEqual(checks._items.map((check: { claim: string }) => check.claim).sort(), [
          "It was 48% in 2019.",
          "Officials expect 2 more polls.",
          "Turnout reached 61% on Sunday.",
        ]);
      } finally {
        assert.equal(await server.stop(), 0);
        await Deno.remove(dataDir, { recursive: true });
        if (env.MONGO_DBNAME) await dropDatabase(env.MONGO_URI!, env.MONGO_DBNAME);
        if (env.ELASTICSEARCH_INDEX) await dropElasticIndices(env.ELASTICSEARCH_INDEX);
      }
    },
  });
}
