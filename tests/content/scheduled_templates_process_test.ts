/**
 * Scheduled templates with two worker processes on one store: every due slot of every template
 * creates exactly one item, while both processes run the task at once (the schedule every
 * second plus a burst of extra runs per round), on the embedded default and on the engines.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { SCHEDULED_CONTENT_TASK, scheduledItemId } from "../../src/content/scheduled_content.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { dropElasticIndices, engineUrl, uniqueName } from "../_engines.ts";
import { type ServerProcess, startServer } from "../_server_process.ts";
import { within } from "../notify/_collect.ts";

const TEMPLATES = 4;
const ROUNDS = 3;
const EXTRA_RUNS = 6;

for (const engine of ["embedded", "engines"] as const) {
  Deno.test({
    name: `[${engine}] two worker processes create one item per scheduled template slot`,
    ignore: engine === "engines" && !engineUrl("MONGO_URI"),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dataDir = await Deno.makeTempDir({ prefix: "superdesk_sched_" });
      const env = engine === "embedded" ? { DATA_DIR: dataDir } : engineEnv(dataDir);
      const app = await createTestApp({ env, mongoUri: env.MONGO_URI });
      const servers: ServerProcess[] = [];
      try {
        const templates = await scheduledTemplates(app);
        for (let i = 0; i < 2; i++) {
          servers.push(
            await startServer(["--role=worker", "--workers=2"], {
              env: { ...env, TEMPLATES_SCHEDULE_SECONDS: "1", LOG_LEVEL: "debug" },
              listening: [],
            }),
          );
        }
        const slots: Date[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const slot = new Date(
            Math.floor(Date.now() / 60_000) * 60_000 - (ROUNDS - round) * 60_000,
          );
          slots.push(slot);
          const store = app.platform.documents.collection("content_templates");
          for (const id of templates) {
            await store.updateOne({ _id: id }, { $set: { next_run: slot } });
          }
          const runs: string[] = [];
          for (let i = 0; i < EXTRA_RUNS; i++) {
            runs.push(await app.platform.queue.enqueue(SCHEDULED_CONTENT_TASK, {}));
          }
          await within(
            untilLogged(
              servers,
              (records) =>
                records.filter((r) => r.msg === "scheduled template created an item").length >=
                  TEMPLATES * (round + 1) &&
                runs.every((id) => records.some((r) => r.msg === "task done" && r.taskId === id)),
            ),
            `round ${round + 1} of scheduled items`,
            120_000,
          );
        }
        for (const server of servers) assert.equal(await server.stop(), 0);
        const items = await app.platform.documents.collection("archive").find({});
        const expected = templates.flatMap((id) => slots.map((slot) => scheduledItemId(id, slot)));
        assert.deepEqual(items.map((item) => item._id).sort(), expected.sort());
        for (const item of items) {
          assert.equal(item.state, "submitted");
          assert.equal(item.headline, "Morning briefing");
          assert.equal(item._current_version, 1);
        }
        const created = servers.flatMap((s) => s.records)
          .filter((r) => r.msg === "scheduled template created an item");
        assert.equal(created.length, TEMPLATES * ROUNDS, "no slot was created twice");
        for (const id of templates) {
          const template = await app.platform.documents.collection("content_templates").findOne({
            _id: id,
          });
          assert.ok((template!.next_run as Date).getTime() > Date.now() - 60_000);
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
        await app.close();
        if ("ELASTICSEARCH_INDEX" in env) await dropElasticIndices(env.ELASTICSEARCH_INDEX);
        await Deno.remove(dataDir, { recursive: true }).catch(() => {});
      }
    },
  });
}

/** A desk and `TEMPLATES` active scheduled templates on it; returns their ids. */
async function scheduledTemplates(app: TestApp): Promise<string[]> {
  const registry = app.platform.registry;
  const [desk] = await registry.service("desks").create([{ name: "Scheduled" }], SYSTEM_ACTOR);
  const docs = await registry.service("content_templates").create(
    Array.from({ length: TEMPLATES }, (_, i) => ({
      template_name: `briefing ${i}`,
      is_public: true,
      data: { headline: "Morning briefing", type: "text", slugline: `brief-${i}` },
      schedule: { is_active: true, cron_list: ["15 8 * * MON"] },
      schedule_desk: desk!._id,
      schedule_stage: desk!.incoming_stage,
    })),
    SYSTEM_ACTOR,
  );
  return docs.map((doc) => String(doc._id));
}

/** The engines' environment, with a database and prefixes of this test's own. */
function engineEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    MONGO_URI: engineUrl("MONGO_URI")!,
    MONGO_DBNAME: uniqueName("sched"),
    ELASTICSEARCH_INDEX: uniqueName("sched"),
  };
  for (const name of ["ELASTICSEARCH_URL", "REDIS_URL"]) {
    const url = Deno.env.get(name);
    if (url) env[name] = url;
  }
  return env;
}

/** Resolves once `test` holds over the log records of every server, awaiting new records. */
async function untilLogged(
  servers: ServerProcess[],
  test: (records: Record<string, unknown>[]) => boolean,
): Promise<void> {
  const all = () => servers.flatMap((server) => server.records);
  while (!test(all())) {
    const seen = new Set(all());
    await Promise.race(servers.map((server) => server.waitFor((record) => !seen.has(record))));
  }
}
