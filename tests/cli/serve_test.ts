import assert from "node:assert/strict";
import { dropElasticIndices, engineUrl, uniqueName } from "../_engines.ts";
import { startServer } from "../_server_process.ts";

const test = (name: string, fn: () => Promise<void>, { ignore = false } = {}) =>
  Deno.test({ name, fn, ignore, sanitizeResources: false, sanitizeOps: false });

const engines = {
  MONGO_URI: engineUrl("MONGO_URI"),
  ELASTICSEARCH_URL: engineUrl("ELASTICSEARCH_URL"),
  REDIS_URL: engineUrl("REDIS_URL"),
};

test("--role=all on the embedded default serves /api, /health, /ready and /metrics", async () => {
  const server = await startServer(["--role=all", "--workers=1"], { listening: ["api", "ws"] });
  try {
    const base = `http://127.0.0.1:${server.ports.api}`;
    const home = await fetch(`${base}/api`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get("content-type")!, /application\/json/);
    const links = (await home.json())._links.child.map((l: { href: string }) => l.href);
    assert.ok(links.includes("users") && links.includes("sessions"), links.join());

    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, "ok");

    const ready = await fetch(`${base}/ready`);
    assert.equal(ready.status, 200);
    const engines = (await ready.json()).engines as Array<
      { seam: string; engine: string; ok: boolean }
    >;
    assert.ok(engines.length >= 1 && engines.every((engine) => engine.ok));
    assert.deepEqual(
      engines.map((e) => `${e.seam}:${e.engine}`).sort(),
      ["bus:memory", "documents:sqlite", "queue:sqlite", "search:sqlite"],
    );

    const metrics = await fetch(`${base}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get("content-type")!, /text\/plain/);
    const text = await metrics.text();
    assert.match(text, /http_requests_total\{method="GET",route="\/api",status="200"\} 1/);
    assert.match(
      text,
      /http_request_duration_seconds_bucket\{method="GET",route="\/health",status="200",le="0.005"\} \d/,
    );
    assert.match(text, /process_memory_bytes\{kind="rss"\} \d+/);

    const worker = await server.waitFor((r) => r.msg === "task worker ready");
    assert.equal(worker.role, "worker");
    const storage = await server.waitFor((r) => r.msg === "storage");
    assert.equal((storage.engines as Record<string, string>).documents, "sqlite");
    const requestLine = await server.waitFor((r) => r.msg === "request" && r.path === "/health");
    assert.equal(requestLine.level, "info");
    assert.equal(typeof requestLine.request_id, "string");
    assert.ok(requestLine.time);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test("/ready reports the engine behind a closed port as down with 503", async () => {
  const server = await startServer(["--role=api"], {
    env: { MONGO_URI: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500" },
  });
  try {
    const ready = await fetch(`http://127.0.0.1:${server.ports.api}/ready`);
    assert.equal(ready.status, 503);
    const body = await ready.json();
    const documents = body.engines.find((e: { seam: string }) => e.seam === "documents");
    assert.equal(documents.engine, "mongodb");
    assert.equal(documents.ok, false);
    assert.ok(documents.error);
    assert.ok(
      body.engines.filter((e: { seam: string }) => e.seam !== "documents").every((
        e: { ok: boolean },
      ) => e.ok),
    );
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test("/ready names Redis as down for the queue and the bus when REDIS_URL is a closed port", async () => {
  const server = await startServer(["--role=api"], { env: { REDIS_URL: "redis://127.0.0.1:1" } });
  try {
    const ready = await fetch(`http://127.0.0.1:${server.ports.api}/ready`);
    assert.equal(ready.status, 503);
    const engines = (await ready.json()).engines as Array<
      { seam: string; engine: string; ok: boolean }
    >;
    const down = engines.filter((e) => !e.ok).map((e) => `${e.seam}:${e.engine}`).sort();
    assert.deepEqual(down, ["bus:redis", "queue:redis"]);
    const metrics = await fetch(`http://127.0.0.1:${server.ports.api}/metrics`);
    assert.equal(metrics.status, 200);
    await metrics.body?.cancel();
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test("/ready reports every real engine reachable (CI engines)", async () => {
  const index = uniqueName("ready");
  const server = await startServer(["--role=api"], {
    env: {
      ...engines,
      MONGO_DBNAME: uniqueName("ready"),
      ELASTICSEARCH_INDEX: index,
    } as Record<string, string>,
  });
  try {
    const ready = await fetch(`http://127.0.0.1:${server.ports.api}/ready`);
    const body = await ready.json();
    assert.equal(ready.status, 200, JSON.stringify(body));
    const engines = body.engines as Array<
      { seam: string; engine: string; ok: boolean; version: string }
    >;
    assert.deepEqual(
      engines.map((e) => `${e.seam}:${e.engine}`).sort(),
      ["bus:redis", "documents:mongodb", "queue:redis", "search:elasticsearch"],
    );
    assert.ok(engines.every((e) => e.ok && e.version), JSON.stringify(engines));
  } finally {
    assert.equal(await server.stop(), 0);
    await dropElasticIndices(index);
  }
}, { ignore: Object.values(engines).some((url) => !url) });

test("SIGTERM during a slow request lets it finish, then the process exits 0", async () => {
  const server = await startServer(["--role=api"], { env: { LOG_LEVEL: "debug" } });
  const encoder = new TextEncoder();
  let sendRest!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('{"username": "nobody", '));
      sendRest = () => {
        controller.enqueue(encoder.encode('"password": "wrong"}'));
        controller.close();
      };
    },
  });
  const response = fetch(`http://127.0.0.1:${server.ports.api}/api/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  await server.waitFor((r) => r.msg === "request started" && r.path === "/api/auth_db");
  server.process.kill("SIGTERM");
  await server.waitFor((r) => r.msg === "shutting down");
  sendRest();
  const answer = await response;
  assert.equal(answer.status, 401);
  assert.deepEqual((await answer.json())._issues, { credentials: 1 });
  assert.equal(await server.exited, 0);
});
