/**
 * The application's router (`src/http/prefix_router.ts`) answers as Hono's TrieRouter (the one
 * Hono chose for our table): the same handlers, in the same order, with the same parameters,
 * for a table shaped like ours (middleware on every path and under `/api`, resource collections
 * and items with id patterns, lookups beside ids, actions beside items, a catch-all last) and
 * paths that hit, miss and straddle its patterns. Paths end without a slash, as the application
 * gives them (`create_app.ts` strips a trailing one before routing).
 */
import assert from "node:assert/strict";
import { TrieRouter } from "hono/router/trie-router";
import type { Result } from "hono/router";
import { PrefixRouter } from "../../src/http/prefix_router.ts";
import { createTestApp } from "../_app.ts";

const HEX = "[a-f0-9]{24}";
const ROUTES: Array<[string, string]> = [
  ["ALL", "/*"],
  ["GET", "/health"],
  ["GET", "/ready"],
  ["ALL", "/api/*"],
  ["GET", "/api"],
  ["GET", "/api/openapi.json"],
  ["GET", "/api/docs/init.js"],
  ["GET", "/api/docs/:file"],
  ["POST", "/api/auth_db"],
  ["DELETE", `/api/users/:id{${HEX}}/sessions`],
  ["POST", "/api/archive/:id{[\\w,.:-]+}/lock"],
  ["PATCH", "/api/archive/spike/:id{[\\w,.:-]+}"],
  ["GET", `/api/desks/:desk{${HEX}|all}/overview/:kind{stages|users}`],
  ["GET", "/api/archive"],
  ["POST", "/api/archive"],
  ["GET", "/api/archive/:id{[\\w,.:-]+}"],
  ["PATCH", "/api/archive/:id{[\\w,.:-]+}"],
  ["GET", "/api/users"],
  ["GET", `/api/users/:id{${HEX}}`],
  ["GET", "/api/users/:lookup{[\\w.@+-]+}"],
  ["PATCH", `/api/users/:id{${HEX}}`],
  ["GET", "/api/items/:id"],
  ["GET", "/api/items/:id/:version?"],
  ["GET", "/api/files/*"],
  ["ALL", "/api/*"],
];

const ID = "0123456789abcdef01234567";
const PATHS = [
  "/",
  "/health",
  "/ready",
  "/readyx",
  "/api",
  "/api/openapi.json",
  "/api/openapiXjson",
  "/api/docs/init.js",
  "/api/docs/swagger.css",
  "/api/docs",
  "/api/auth_db",
  `/api/users/${ID}/sessions`,
  "/api/users/nothex/sessions",
  "/api/archive/urn:newsml:x.y,1/lock",
  "/api/archive/spike/abc",
  "/api/archive/spike",
  "/api/archive/unspike/abc",
  `/api/desks/${ID}/overview/stages`,
  "/api/desks/all/overview/users",
  "/api/desks/some/overview/users",
  "/api/archive",
  "/api/archive/abc.def",
  "/api/archive/a b",
  "/api/users",
  `/api/users/${ID}`,
  "/api/users/jane.doe@example.com",
  "/api/users/a/b",
  "/api/items/1",
  "/api/items/1/2",
  "/api/items/1/2/3",
  "/api/files/a/b/c",
  "/api/files",
  "/api/unknown/thing",
  "/other",
  "//api",
  "/api//users",
];

function router<R extends { add(m: string, p: string, h: string): void }>(r: R): R {
  ROUTES.forEach(([method, path], index) => r.add(method, path, `${index} ${method} ${path}`));
  return r;
}

/** Handlers and plain parameters, comparable across routers. */
function plain(result: Result<string>) {
  return result[0].map(([handler, params]) => [handler, { ...params as Record<string, string> }]);
}

Deno.test("PrefixRouter matches as Hono's TrieRouter on a table shaped like ours", () => {
  const trie = router(new TrieRouter<string>());
  const prefix = router(new PrefixRouter<string>());
  for (const method of ["GET", "POST", "PATCH", "DELETE", "OPTIONS"]) {
    for (const path of PATHS) {
      assert.deepEqual(
        plain(prefix.match(method, path)),
        plain(trie.match(method, path)),
        `${method} ${path}`,
      );
    }
  }
});

Deno.test("PrefixRouter takes routes added after its first match", () => {
  const prefix = router(new PrefixRouter<string>());
  assert.deepEqual(plain(prefix.match("GET", "/late")).length, 1); // the `/*` middleware alone
  prefix.add("GET", "/late", "late");
  assert.deepEqual(plain(prefix.match("GET", "/late")).map(([handler]) => handler), [
    "0 ALL /*",
    "late",
  ]);
});

/** Values tried for each parameter of a real route (kept where Hono's TrieRouter matches). */
const SAMPLES = [ID, "all", "stages", "urn:newsml:x:1", "abc", "init.js", "jane@example.com", "1"];

Deno.test("PrefixRouter matches as Hono's TrieRouter on the application's route table", async () => {
  const { app, close } = await createTestApp();
  try {
    const routes = app.routes.map(({ method, path }) => [method, path] as const);
    const trie = new TrieRouter<string>();
    const prefix = new PrefixRouter<string>();
    routes.forEach(([method, path], index) => {
      trie.add(method, path, `${index}`);
      prefix.add(method, path, `${index}`);
    });
    let compared = 0;
    for (const [, path] of routes) {
      for (const sample of SAMPLES) {
        const concrete = path.replace(/:\w+(\{(?:\{[\d,]+\}|[^}])+\})?\??/g, sample)
          .replace(/\*$/, `x/${sample}`);
        for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
          assert.deepEqual(
            plain(prefix.match(method, concrete)),
            plain(trie.match(method, concrete)),
            `${method} ${concrete}`,
          );
          compared++;
        }
      }
    }
    assert.ok(routes.length > 100 && compared >= routes.length * SAMPLES.length * 5);
  } finally {
    await close();
  }
});

Deno.test("PrefixRouter: methods the table does not name share one cached list per prefix", () => {
  const trie = router(new TrieRouter<string>());
  const prefix = router(new PrefixRouter<string>());
  for (let i = 0; i < 500; i++) {
    const method = `FOO${i}`;
    for (const path of ["/api/users/jane", "/api/archive/abc", "/health"]) {
      assert.deepEqual(plain(prefix.match(method, path)), plain(trie.match(method, path)));
    }
  }
  const afterMadeUp = prefix.cachedLists;
  assert.ok(afterMadeUp <= 3, `${afterMadeUp} lists after 1,500 made-up requests`);
  prefix.match("GET", "/api/users/jane");
  assert.equal(prefix.cachedLists, afterMadeUp + 1);
});
