/**
 * Behaviour of search-backed resources over HTTP, run on both search indexes: lists read the
 * index (and see writes at once), `where`/`sort`/`q`/paging translate, visibility filters apply
 * to lists and `/api/search`, and `/api/search` speaks Superdesk's dialect and errors.
 */
import assert from "node:assert/strict";
import type { TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Client } from "../_client.ts";

type Json = Record<string, unknown>;
type Items = { _items: Json[]; _meta: { total: number } };

async function json<T = Json>(response: Response, status: number): Promise<T> {
  const body = await response.text();
  assert.equal(response.status, status, body);
  assert.match(response.headers.get("content-type") ?? "", /json/);
  return JSON.parse(body) as T;
}

function search(client: Client, params: Record<string, unknown>) {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return client.get(`/api/search?${query}`);
}

/** Registers the suite for apps made by `makeApp`; `ignore` when its engine is not configured. */
export function searchBackedSuite(
  engine: string,
  makeApp: () => Promise<TestApp>,
  { ignore = false }: { ignore?: boolean } = {},
) {
  Deno.test({ name: `search-backed resources on ${engine}`, ignore }, async (t) => {
    const app = await makeApp();
    try {
      const admin = await loginAs(app, { username: "admin1", admin: true });
      const alice = await loginAs(app, { username: "alice", privileges: {} });
      const bob = await loginAs(app, { username: "bob", privileges: { briefs: 1 } });
      const post = async (client: Client, doc: Json) =>
        json(await client.post("/api/memos", doc), 201);

      await t.step(
        "a list right after a POST sees the new memo, dates in the wire form",
        async () => {
          const created = await post(admin, {
            title: "Budget vote tonight",
            body: "The council votes on the budget",
            priority: 2,
            tags: ["politics"],
            due: "2026-01-02T03:04:05Z",
            secret: "hidden",
          });
          const list = await json<Items>(await admin.get("/api/memos"), 200);
          assert.equal(list._meta.total, 1);
          const item = list._items[0]!;
          assert.equal(item._id, created._id);
          assert.equal(item._etag, created._etag);
          assert.equal(item.due, "2026-01-02T03:04:05+0000");
          assert.match(String(item._created), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
          assert.equal(item.secret, undefined);
        },
      );

      await t.step("where, sort, paging and q are answered by the index", async () => {
        for (let i = 1; i <= 5; i++) {
          await post(admin, {
            title: `Match report ${i}`,
            body: "football scores",
            priority: 10 + i,
          });
        }
        const where = encodeURIComponent(JSON.stringify({ priority: { $gte: 12 } }));
        const sorted = await json<Items>(
          await admin.get(`/api/memos?where=${where}&sort=[("priority",-1)]&max_results=2&page=2`),
          200,
        );
        assert.equal(sorted._meta.total, 4);
        assert.deepEqual(sorted._items.map((i) => i.priority), [13, 12]);
        const q = await json<Items>(await admin.get("/api/memos?q=budget"), 200);
        assert.deepEqual(q._items.map((i) => i.title), ["Budget vote tonight"]);
        const byTitle = await json<Items>(
          await admin.get(`/api/memos?sort=[("title",1)]&max_results=1`),
          200,
        );
        assert.equal(byTitle._items[0]!.title, "Budget vote tonight");
      });

      await t.step("PATCH and DELETE show in lists at once", async () => {
        const memo = await post(admin, { title: "Draft note", priority: 99 });
        const patched = await json(
          await admin.patch(`/api/memos/${memo._id}`, { title: "Edited note" }, {
            etag: String(memo._etag),
          }),
          200,
        );
        const where = encodeURIComponent(JSON.stringify({ priority: 99 }));
        const after = await json<Items>(await admin.get(`/api/memos?where=${where}`), 200);
        assert.equal(after._items[0]!.title, "Edited note");
        assert.equal(after._items[0]!._etag, patched._etag);
        const deleted = await admin.delete(`/api/memos/${memo._id}`, {
          etag: String(patched._etag),
        });
        assert.equal(deleted.status, 204);
        assert.equal(
          (await json<Items>(await admin.get(`/api/memos?where=${where}`), 200))._meta.total,
          0,
        );
      });

      await t.step("lists and /api/search apply the visibility filter", async () => {
        await post(admin, { title: "Alice private plan", owner: alice.userId, private: true });
        await post(admin, { title: "Bob private plan", owner: bob.userId, private: true });
        const titles = async (client: Client) =>
          (await json<Items>(await client.get("/api/memos?q=plan"), 200))._items.map((i) => i.title)
            .sort();
        assert.deepEqual(await titles(alice), ["Alice private plan"]);
        assert.deepEqual(await titles(bob), ["Bob private plan"]);
        assert.deepEqual(await titles(admin), ["Alice private plan", "Bob private plan"]);
        const found = await json<Items>(await search(alice, { repo: "memos", q: "plan" }), 200);
        assert.deepEqual(found._items.map((i) => i.title), ["Alice private plan"]);
        assert.equal(found._items[0]!._type, "memos");
      });

      await t.step(
        "/api/search items are wire documents: wire dates, links, no index fields",
        async () => {
          const found = await json<Items>(
            await search(admin, {
              repo: "memos",
              source: { query: { match: { title: "budget" } } },
            }),
            200,
          );
          assert.equal(found._items.length, 1);
          const item = found._items[0]!;
          assert.equal(item.due, "2026-01-02T03:04:05+0000");
          assert.match(String(item._created), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
          assert.match(String(item._updated), /\+0000$/);
          assert.equal(item._type, "memos");
          assert.deepEqual(item._links, { self: { title: "Memo", href: `memos/${item._id}` } });
          assert.equal(item._resource, undefined);
          assert.equal(item.secret, undefined);
          const stored = await json<Json>(await admin.get(`/api/memos/${item._id}`), 200);
          assert.equal(item._etag, stored._etag);
          assert.equal(item._created, stored._created);
        },
      );

      await t.step("/api/search spans repos, each with its own filter", async () => {
        await json(await admin.post("/api/briefs", { title: "Plan brief" }), 201);
        const both = await json<Items>(
          await search(bob, {
            repo: "memos,briefs",
            source: { query: { match: { title: "plan" } } },
          }),
          200,
        );
        assert.deepEqual(both._items.map((i) => `${i._type}:${i.title}`).sort(), [
          "briefs:Plan brief",
          "memos:Bob private plan",
        ]);
        assert.equal(both._meta.total, 2);
        const denied = await search(alice, { repo: "briefs" });
        assert.equal(denied.status, 403);
      });

      await t.step("/api/search rewrites the legacy filtered/and syntax", async () => {
        const legacy = {
          query: {
            filtered: {
              query: { query_string: { query: "football" } },
              filter: {
                and: [{ range: { priority: { gte: 14 } } }, { not: { term: { priority: 15 } } }],
              },
            },
          },
          sort: [{ priority: "asc" }],
        };
        const found = await json<Items>(
          await search(admin, { repo: "memos", source: legacy }),
          200,
        );
        assert.deepEqual(found._items.map((i) => i.priority), [14]);
      });

      await t.step(
        "/api/search's query string finds words in different fields (cross_fields)",
        async () => {
          await post(admin, { title: "Harbour crane", body: "The strike ends" });
          const source = (type?: string) => ({
            query: {
              filtered: {
                query: {
                  query_string: {
                    query: "harbour strike",
                    default_operator: "AND",
                    ...(type ? { type } : {}),
                  },
                },
              },
            },
          });
          const total = async (response: Promise<Response>) =>
            (await json<Items>(await response, 200))._meta.total;
          assert.equal(await total(search(admin, { repo: "memos", source: source() })), 1);
          assert.equal(
            await total(search(admin, { repo: "memos", source: source("best_fields") })),
            0,
          );
          // A list's `source` keeps Elasticsearch's default (best_fields), as eve-elastic's.
          const list = `/api/memos?source=${encodeURIComponent(JSON.stringify(source()))}`;
          assert.equal(await total(admin.get(list)), 0);
        },
      );

      await t.step("terminate_after: each index (one shard) collects so many", async () => {
        // A disjunction: Elasticsearch counts a match_all or a lone term from index statistics,
        // and then reports every match.
        const query = {
          bool: {
            should: [{ match: { body: "football" } }, { match: { title: "harbour" } }],
          },
        };
        const collected = async (depth: number) =>
          (await json<Items>(
            await search(admin, { repo: "memos", source: { query, terminate_after: depth } }),
            200,
          ))._meta.total;
        assert.equal(await collected(2), 2);
        assert.equal(await collected(0), 6);
      });

      await t.step("/api/search max_results/page, aggregations and es_highlight", async () => {
        const page = await json<Items & { _aggregations?: Json }>(
          await search(admin, {
            repo: "memos",
            q: "football",
            max_results: "2",
            page: "2",
            source: { sort: [{ priority: "asc" }] },
            aggregations: "1",
            es_highlight: "1",
          }),
          200,
        );
        assert.equal(page._meta.total, 5);
        assert.deepEqual(page._items.map((i) => i.priority), [13, 14]);
        assert.ok(page._aggregations);
        const highlight = page._items[0]!.es_highlight as Record<string, string[]>;
        assert.match(highlight.body![0]!, /<span class="es-highlight">football<\/span>/);
      });

      await t.step("/api/search with bad DSL answers 400 with the engine's reason", async () => {
        const bad = await json<{ _error: { message: string } }>(
          await search(admin, { repo: "memos", source: { query: { no_such_query: {} } } }),
          400,
        );
        assert.match(bad._error.message, /no_such_query/);
      });

      await t.step("/api/search with an unknown repo answers 400 naming it", async () => {
        const bad = await json<{ _error: { message: string } }>(
          await search(admin, { repo: "memos,nowhere" }),
          400,
        );
        assert.match(bad._error.message, /"nowhere"/);
      });

      await t.step(
        "/api/search writes every date as the item's GET does: offsets, fractions, nested, listed",
        async () => {
          const created = await post(admin, {
            title: "Dated ferry timetable",
            due: "2026-01-02T05:04:05.678+02:00",
            schedule: { at: "2026-01-02T03:04:05.5Z", note: "2026-01-02T03:04:05.000Z" },
            reminders: ["2026-01-01T23:00:00-01:30", "2026-01-03T00:00:00Z"],
            ref: "2026-01-02T03:04:05.000Z",
            cleared: null,
          });
          const found = await json<Items>(
            await search(admin, {
              repo: "memos",
              source: { query: { match: { title: "ferry" } } },
            }),
            200,
          );
          const item = found._items[0]!;
          assert.equal(item._id, created._id);
          const stored = await json<Json>(await admin.get(`/api/memos/${created._id}`), 200);
          const dates = (doc: Json) =>
            JSON.stringify([
              doc._created,
              doc._updated,
              doc.due,
              doc.schedule,
              doc.reminders,
              doc.ref,
              doc.cleared,
            ]);
          assert.equal(dates(item), dates(stored));
          assert.equal(
            dates(item),
            JSON.stringify([
              stored._created,
              stored._updated,
              "2026-01-02T03:04:05+0000",
              { at: "2026-01-02T03:04:05+0000", note: "2026-01-02T03:04:05.000Z" },
              ["2026-01-02T00:30:00+0000", "2026-01-03T00:00:00+0000"],
              "2026-01-02T03:04:05.000Z",
              null,
            ]),
          );
        },
      );
    } finally {
      await app.close();
    }
  });
}
