/**
 * A small deployment of the real binary on the shared engines (MongoDB, Elasticsearch, Redis) for
 * the multi-process publishing tests: one api process and worker processes that can be added,
 * stopped or killed, all with a unique database and prefix, fast sweeps and short leases; an
 * admin signed in over HTTP; helpers to create a desk, subscribers and publishable stories.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { dropElasticIndices, uniqueName } from "../_engines.ts";
import { runBinary, type ServerProcess, startServer } from "../_server_process.ts";
import type { Json } from "../newsroom/_newsroom.ts";

/** The engine URLs the cluster runs on. */
export interface ClusterEngines {
  mongo: string;
  redis: string;
  elastic?: string;
}

/** A running cluster. */
export interface Cluster {
  api: ServerProcess;
  workers: ServerProcess[];
  /** Starts one more worker process (`--role=worker`). */
  addWorker(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  /** An authenticated request to the api. */
  request(method: string, path: string, body?: unknown, etag?: string): Promise<Response>;
  /** The JSON of a request that must answer `status`. */
  json(method: string, path: string, body?: unknown, etag?: string, status?: number): Promise<Json>;
  desk: Json;
  /** A story on the desk moved so it can be published. */
  story(fields?: Json): Promise<Json>;
  /** Every publish_queue entry (system read through the api). */
  queueEntries(where?: Json): Promise<Json[]>;
  close(): Promise<void>;
}

const PASSWORD = "cluster-pass-1";

/** Starts the api and `workers` worker processes. */
export async function startCluster(
  engines: ClusterEngines,
  { workers = 1, env: extra = {} }: { workers?: number; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const index = uniqueName("publish");
  const env: Record<string, string> = {
    MONGO_URI: engines.mongo,
    REDIS_URL: engines.redis,
    ...(engines.elastic ? { ELASTICSEARCH_URL: engines.elastic } : {}),
    MONGO_DBNAME: uniqueName("publish"),
    ELASTICSEARCH_INDEX: index,
    ELASTICSEARCH_REFRESH: "true",
    PUBLISH_SWEEP_SECONDS: "1",
    TASK_LEASE_SECONDS: "2",
    WORKER_HEARTBEAT_SECONDS: "1",
    TRANSMIT_RETRY_DELAY_MS: "200",
    TRANSMIT_RETRY_MAX_MS: "1000",
    MAX_TRANSMIT_RETRY_ATTEMPT: "500",
    LOG_LEVEL: "debug",
    ...extra,
  };
  const created = await runBinary([
    "users:create",
    "--username=boss",
    `--password=${PASSWORD}`,
    "--email=boss@example.com",
    "--admin",
  ], env);
  assert.equal(created.code, 0, created.stderr);
  const api = await startServer(["--role=api"], { env, listening: ["api"] });
  const base = `http://127.0.0.1:${api.ports.api}/api`;
  const login = await fetch(`${base}/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "boss", password: PASSWORD }),
  });
  assert.equal(login.status, 201, await login.clone().text());
  const session = await login.json();
  const auth = `Basic ${btoa(`${session.token}:`)}`;
  const request = (method: string, path: string, body?: unknown, etag?: string) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: auth,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(etag ? { "If-Match": etag } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (
    method: string,
    path: string,
    body?: unknown,
    etag?: string,
    status?: number,
  ) => {
    const response = await request(method, path, body, etag);
    const text = await response.text();
    const expected = status ?? (method === "POST" ? 201 : 200);
    assert.equal(response.status, expected, `${method} ${path}: ${text}`);
    return JSON.parse(text);
  };
  const workerProcesses: ServerProcess[] = [];
  const addWorker = async (extraEnv: Record<string, string> = {}) => {
    const worker = await startServer(["--role=worker", "--workers=1"], {
      env: { ...env, ...extraEnv },
      listening: [],
    });
    await worker.waitFor((record) => record.msg === "task worker ready");
    workerProcesses.push(worker);
    return worker;
  };
  for (let i = 0; i < workers; i++) await addWorker();
  const created_desk = await json("POST", "/desks", {
    name: "Cluster desk",
    members: [{ user: session.user }],
  });
  const desk = await json("GET", `/desks/${created_desk._id}`);
  const stages = await json("GET", `/stages?where=${JSON.stringify({ desk: desk._id })}`);
  const target = stages._items.find((stage: Json) => stage._id !== desk.working_stage);
  return {
    api,
    workers: workerProcesses,
    addWorker,
    request,
    json,
    desk,
    async story(fields = {}) {
      const story = await json("POST", "/archive", {
        headline: "Cluster story",
        body_html: "<p>Text.</p>",
        task: { desk: desk._id, stage: desk.working_stage },
        ...fields,
      });
      await json("POST", `/archive/${story._id}/move`, {
        task: { desk: desk._id, stage: target._id },
      });
      return await json("GET", `/archive/${story._id}`);
    },
    async queueEntries(where = {}) {
      const list = await json(
        "GET",
        `/publish_queue?where=${encodeURIComponent(JSON.stringify(where))}&max_results=200`,
      );
      return list._items;
    },
    async close() {
      for (const worker of workerProcesses) await worker.stop();
      await api.stop();
      const client = new MongoClient(engines.mongo);
      try {
        await client.db(env.MONGO_DBNAME).dropDatabase();
      } finally {
        await client.close();
      }
      if (engines.elastic) await dropElasticIndices(index, engines.elastic);
    },
  };
}
