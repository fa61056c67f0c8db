/**
 * The raw HTTP ceiling: a bare `Deno.serve` handler doing each operation with the raw driver
 * (`_raw_store.ts`) and `JSON.stringify`, on the same URLs as our API and Eve (`/api/bench_items`
 * and `/api/bench_items/<id>`), so one load generator measures all three. No auth, no
 * validation, no framework, but answers of the same size and headers as ours: the same body
 * shapes (item `_links`, the list envelope with its page links and `_meta`; writes answer the
 * whole document, as Superdesk's wire format does, `BANDWIDTH_SAVER = False`) and the same
 * response headers (`ETag`, `Last-Modified`, `Location`, `X-Total-Count`, `Cache-Control`,
 * `X-Request-Id`, `Vary`), each response built with its headers at once. RAW_STORE=sqlite
 * (RAW_PATH) or mongodb (MONGO_URI, RAW_DBNAME); listens on 127.0.0.1:PORT; stops on SIGTERM or
 * SIGINT.
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

const ITEM_TITLE = "Bench_item";
const TITLE = "Bench_items";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...headers,
      "Content-Type": "application/json",
      "Cache-Control": "max-age=0, no-cache",
      "X-Request-Id": crypto.randomUUID().replaceAll("-", ""),
      Vary: "Origin",
    },
  });
}

/** `doc` with `_links.self`, as a list item or a write answer. */
function linked(doc: Doc): Doc {
  return { ...doc, _links: { self: { title: ITEM_TITLE, href: `${BENCH_RESOURCE}/${doc._id}` } } };
}

/** The `Last-Modified` value of a stored `_updated` (a Date on MongoDB, ISO text on SQLite). */
function lastModified(updated: unknown): string {
  return new Date(updated as string | Date).toUTCString();
}

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/api") return json({ _links: { child: [] } });
  if (url.pathname === base) {
    if (request.method === "GET") {
      const { items, total } = await store.list(25);
      let newest = 0;
      for (const doc of items) newest = Math.max(newest, Date.parse(String(doc._updated)));
      return json(
        {
          _items: items.map(linked),
          _links: {
            parent: { title: "home", href: "/" },
            self: { title: TITLE, href: BENCH_RESOURCE },
            ...(total > 25
              ? {
                next: { title: "next page", href: `${BENCH_RESOURCE}?page=2` },
                last: {
                  title: "last page",
                  href: `${BENCH_RESOURCE}?page=${Math.ceil(total / 25)}`,
                },
              }
              : {}),
          },
          _meta: { page: 1, max_results: 25, total },
        },
        200,
        { "X-Total-Count": String(total), "Last-Modified": lastModified(newest) },
      );
    }
    if (request.method === "POST") {
      const body = await request.json();
      if (Array.isArray(body)) {
        const docs = await store.insertMany(body as Doc[]);
        return json({ _status: "OK", _items: docs.map((doc) => ({ ...doc, _status: "OK" })) }, 201);
      }
      const doc = await store.create(body as Doc);
      return json({ ...linked(doc), _status: "OK" }, 201, {
        Location: `${url.origin}${base}/${doc._id}`,
      });
    }
  }
  const id = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length + 1) : "";
  if (id && request.method === "GET") {
    const doc = await store.get(id);
    if (!doc) return json({ _status: "ERR" }, 404);
    return json(
      {
        ...doc,
        _links: {
          self: { title: ITEM_TITLE, href: `${BENCH_RESOURCE}/${doc._id}` },
          parent: { title: "home", href: "/" },
          collection: { title: TITLE, href: BENCH_RESOURCE },
        },
      },
      200,
      { ETag: `"${doc._etag}"`, "Last-Modified": lastModified(doc._updated) },
    );
  }
  if (id && request.method === "PATCH") {
    const etag = (request.headers.get("if-match") ?? "").replace(/^"(.*)"$/, "$1");
    const doc = await store.patch(id, etag, await request.json() as Doc);
    return doc
      ? json({ ...linked(doc), _status: "OK" }, 200, { ETag: `"${doc._etag}"` })
      : json({}, 412);
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
