/**
 * The raw HTTP ceiling: a bare `Deno.serve` handler doing each operation with the raw driver
 * (`_raw_store.ts`) and `JSON.stringify`, on the same URLs as our API and Eve (`/api/bench_items`
 * and `/api/bench_items/<id>`), so one load generator measures all three. No auth, no
 * validation, no framework. Writes answer the whole document, as Superdesk's wire format does
 * (`BANDWIDTH_SAVER = False`), so every system sends the same documents back. RAW_STORE=sqlite (RAW_PATH) or mongodb (MONGO_URI, RAW_DBNAME);
 * listens on 127.0.0.1:PORT; stops on SIGTERM or SIGINT.
 */
import { MongoClient } from "mongodb";
import { BENCH_RESOURCE } from "./_bench_module.ts";
import { type Doc, rawMongoStore, rawSqliteStore, type RawStore } from "./_raw_store.ts";

const env = Deno.env.toObject();
const client = env.RAW_STORE === "mongodb" ? new MongoClient(env.MONGO_URI!) : undefined;
const store: RawStore = client
  ? rawMongoStore(client.db(env.RAW_DBNAME))
  : rawSqliteStore(env.RAW_PATH!);
const base = `/api/${BENCH_RESOURCE}`;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/api") return json({ _links: { child: [] } });
  if (url.pathname === base) {
    if (request.method === "GET") {
      const { items, total } = await store.list(25);
      return json({ _items: items, _meta: { page: 1, max_results: 25, total } });
    }
    if (request.method === "POST") {
      const body = await request.json();
      if (Array.isArray(body)) {
        const docs = await store.insertMany(body as Doc[]);
        return json({ _status: "OK", _items: docs.map((doc) => ({ ...doc, _status: "OK" })) }, 201);
      }
      return json({ ...await store.create(body as Doc), _status: "OK" }, 201);
    }
  }
  const id = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length + 1) : "";
  if (id && request.method === "GET") {
    const doc = await store.get(id);
    return doc ? json(doc) : json({ _status: "ERR" }, 404);
  }
  if (id && request.method === "PATCH") {
    const etag = (request.headers.get("if-match") ?? "").replace(/^"(.*)"$/, "$1");
    const doc = await store.patch(id, etag, await request.json() as Doc);
    return doc ? json({ ...doc, _status: "OK" }) : json({}, 412);
  }
  return json({ _status: "ERR" }, 404);
}

const server = Deno.serve(
  { hostname: "127.0.0.1", port: Number(env.PORT), onListen: () => {} },
  handle,
);
await new Promise<void>((resolve) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) Deno.addSignalListener(signal, resolve);
});
await server.shutdown();
await store.close();
await client?.close();
