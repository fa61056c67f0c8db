/**
 * The systems under test, each started, seeded with the same documents and ready for the load
 * generator: our API (`bench_server.ts`), the raw HTTP ceiling (`raw_server.ts`) and the raw
 * driver in this process, on SQLite or FerretDB, and Eve behind gunicorn on FerretDB. Each
 * target gets its own SQLite file or MongoDB database, dropped by `stop()`.
 */
import type { MongoClient } from "mongodb";
import { benchDocument } from "./_bench_module.ts";
import { type Doc, rawMongoStore, rawSqliteStore, type RawStore } from "./_raw_store.ts";
import { baseEnv, type ServerProcess, spawnServer } from "./_server_process.ts";
import {
  collectionUrl,
  driverSteps,
  type HttpEndpoint,
  httpSteps,
  type Operation,
} from "./_steps.ts";
import type { StepFactory } from "./load.ts";

/** A running system under test. */
export interface Target {
  system: string;
  /** "SQLite", or the label of the MongoDB-wire server. */
  store: string;
  steps(operation: Operation): StepFactory;
  /** CPU seconds used so far by the server processes; absent for in-process targets. */
  cpuSeconds?(): Promise<number>;
  /** Deletes what the POST runs created, so every round lists and counts the same data. */
  deletePosted(): Promise<void>;
  stop(): Promise<void>;
}

/** A MongoDB database of one target. */
export interface MongoDatabase {
  /** How the report names the server (e.g. "FerretDB/PG"). */
  label: string;
  client: MongoClient;
  uri: string;
  dbName: string;
}

/** Where a target keeps its data: its own temporary directory, and a database when on MongoDB. */
export interface Storage {
  dir: string;
  mongo?: MongoDatabase;
}

export interface TargetOptions {
  storage: Storage;
  seed: number;
}

const HERE = new URL(".", import.meta.url).pathname;
/** The SQLite file of the raw targets (our server uses DATA_DIR/documents.db). */
const RAW_FILE = "raw.db";

/**
 * `deno run` of a server script beside this file; with BENCH_CPU_PROF=<dir> the server writes its
 * V8 CPU profile there when it stops.
 */
function denoRunArgs(script: string): string[] {
  const profileDir = Deno.env.get("BENCH_CPU_PROF");
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return ["run", "--allow-all", ...profile, `${HERE}${script}`];
}

/** Our API server on `storage`, logged in as its administrator. */
export async function startOurs({ storage, seed }: TargetOptions): Promise<Target> {
  const password = crypto.randomUUID();
  const env: Record<string, string> = {
    ...baseEnv(),
    HOST: "127.0.0.1",
    DATA_DIR: storage.dir,
    LOG_LEVEL: Deno.env.get("BENCH_LOG_LEVEL") ?? "warn",
    BENCH_PASSWORD: password,
  };
  if (storage.mongo) {
    Object.assign(env, { MONGO_URI: storage.mongo.uri, MONGO_DBNAME: storage.mongo.dbName });
  }
  const countCache = Deno.env.get("COUNT_CACHE_SECONDS");
  if (countCache !== undefined) env.COUNT_CACHE_SECONDS = countCache;
  const server = await spawnServer({
    command: Deno.execPath(),
    args: denoRunArgs("bench_server.ts"),
    env,
  });
  const login = async () => {
    const response = await fetch(`${server.origin}/api/auth_db`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "bench", password }),
    });
    const { token } = await response.json();
    if (!token) throw new Error(`login to our server failed: ${response.status}`);
    return { Authorization: `Basic ${btoa(`${token}:`)}` };
  };
  return await httpTarget("ours", server, { login, seed, storage, file: "documents.db" });
}

/** The raw HTTP ceiling (`raw_server.ts`) on `storage`. */
export async function startRawHttp({ storage, seed }: TargetOptions): Promise<Target> {
  const env: Record<string, string> = storage.mongo
    ? { RAW_STORE: "mongodb", MONGO_URI: storage.mongo.uri, RAW_DBNAME: storage.mongo.dbName }
    : { RAW_STORE: "sqlite", RAW_PATH: `${storage.dir}/${RAW_FILE}` };
  const server = await spawnServer({
    command: Deno.execPath(),
    args: denoRunArgs("raw_server.ts"),
    env: { ...baseEnv(), ...env },
  });
  return await httpTarget("raw HTTP", server, { seed, storage, file: RAW_FILE });
}

/** The raw driver called in this process, no HTTP. */
export async function openRawDriver({ storage, seed }: TargetOptions): Promise<Target> {
  const store = cleanerFor(storage, RAW_FILE, { indexed: true });
  const docs = await store.insertMany(seedDocuments(seed));
  const ids = docs.map((doc) => String(doc._id));
  return {
    system: "raw driver",
    store: storeName(storage),
    steps: (operation) => driverSteps(operation, store, ids),
    deletePosted: () => store.deletePosted(),
    async stop() {
      await store.close();
      await dropStorage(storage);
    },
  };
}

/** Eve behind gunicorn (`gunicorn` from the venv) on a MongoDB database. */
export async function startEve(
  { storage, seed, gunicorn, workerClass, workers }: TargetOptions & {
    gunicorn: string;
    workerClass: string;
    workers: number;
  },
): Promise<Target> {
  if (!storage.mongo) throw new Error("Eve runs on MongoDB only");
  const { client, uri, dbName } = storage.mongo;
  const token = crypto.randomUUID();
  const db = client.db(dbName);
  await db.collection<Doc & { _id: string }>("users").insertOne({ _id: "bench", is_active: true });
  await db.collection("auth").createIndex({ token: 1 });
  await db.collection("auth").insertOne({ token, user: "bench" });
  const server = await spawnServer({
    command: gunicorn,
    args: [
      "-k",
      workerClass,
      "-w",
      String(workers),
      "-b",
      "127.0.0.1:{port}",
      "--chdir",
      HERE,
      "eve_app:app",
    ],
    env: { ...baseEnv(), MONGO_URI: uri, EVE_DBNAME: dbName, PYTHONDONTWRITEBYTECODE: "1" },
  });
  const headers = { Authorization: `Basic ${btoa(`${token}:`)}` };
  return await httpTarget(`Eve (${workers} ${workerClass})`, server, {
    login: () => Promise.resolve(headers),
    seed,
    storage,
    file: "",
  });
}

/** Logs in, seeds over HTTP and wraps `server`; stops it again when any of that fails. */
async function httpTarget(
  system: string,
  server: ServerProcess,
  { login, seed, storage, file }: {
    login?: () => Promise<Record<string, string>>;
    seed: number;
    storage: Storage;
    /** The SQLite file under the storage directory (unused on MongoDB). */
    file: string;
  },
): Promise<Target> {
  let cleaner: RawStore | undefined;
  try {
    const headers = login ? await login() : {};
    const url = collectionUrl(server.origin);
    const endpoint: HttpEndpoint = {
      collectionUrl: url,
      headers,
      ids: await seedOverHttp(url, headers, seed),
    };
    const store = cleaner = cleanerFor(storage, file);
    return {
      system,
      store: storeName(storage),
      steps: (operation) => httpSteps(operation, endpoint),
      cpuSeconds: () => server.cpuSeconds(),
      deletePosted: () => store.deletePosted(),
      async stop() {
        await server.stop();
        await store.close();
        await dropStorage(storage);
      },
    };
  } catch (error) {
    await server.stop();
    await cleaner?.close();
    throw error;
  }
}

/** POSTs the seed documents in bulk (100 per request); returns their ids. */
async function seedOverHttp(url: string, headers: Record<string, string>, count: number) {
  const ids: string[] = [];
  const docs = seedDocuments(count);
  for (let i = 0; i < docs.length; i += 100) {
    const response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(docs.slice(i, i + 100)),
    });
    const body = await response.json();
    if (response.status !== 201) throw new Error(`seeding ${url} failed: ${JSON.stringify(body)}`);
    ids.push(...body._items.map((item: Doc) => String(item._id)));
  }
  return ids;
}

function seedDocuments(count: number): Doc[] {
  return Array.from({ length: count }, (_, n) => benchDocument("seed", n));
}

/**
 * A raw store over the target's own data, used to delete POSTed documents (and, for the raw
 * driver, to run the operations: then it creates the raw collection's index).
 */
function cleanerFor(storage: Storage, file: string, { indexed = false } = {}): RawStore {
  return storage.mongo
    ? rawMongoStore(storage.mongo.client.db(storage.mongo.dbName), { indexed })
    : rawSqliteStore(`${storage.dir}/${file}`, { indexed });
}

function storeName(storage: Storage): string {
  return storage.mongo?.label ?? "SQLite";
}

/** Drops the target's database (if any) and removes its directory. */
export async function dropStorage(storage: Storage): Promise<void> {
  if (storage.mongo) await storage.mongo.client.db(storage.mongo.dbName).dropDatabase();
  await Deno.remove(storage.dir, { recursive: true });
}
