/**
 * The API reference: `GET /api/openapi.json` is a valid OpenAPI 3.1 document (checked by
 * @seriousme/openapi-schema-validator, which validates against the official 3.1 schema and
 * resolves every `$ref`), titled for people, and real responses of the API validate against the
 * schemas it declares; `GET /api/docs` serves Swagger UI from the npm package, offline. Run on the
 * embedded store (openapi_sqlite_test.ts) and on MongoDB (openapi_mongo_test.ts).
 */
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { suiteTest } from "../_engine_app.ts";
import { type TestApp } from "../_app.ts";
import type { Client } from "../_client.ts";
import { clientFor } from "../_client.ts";
import { responseChecker } from "./_openapi_check.ts";

type Json = Record<string, unknown>;
type Operation = { summary: string; operationId: string; tags: string[] };

/** Registers the suite; `makeApp` builds an app with the persons module and an admin. */
export function openApiSuite(
  name: string,
  makeApp: () => Promise<{ app: TestApp; admin: Client }>,
  { ignore = false }: { ignore?: boolean } = {},
) {
  const test = suiteTest(name, makeApp, { ignore });
  const documentOf = async (app: TestApp): Promise<Json> => {
    const response = await clientFor(app).get("/api/openapi.json");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    return await response.json();
  };
  const operations = (document: Json) =>
    Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap((
      [path, item],
    ) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  test("GET /api/openapi.json is a valid OpenAPI 3.1 document", async ({ app }) => {
    const document = await documentOf(app);
    assert.equal(document.openapi, "3.1.0");
    const result = await new Validator().validate(document);
    assert.deepEqual(result, { valid: true });
    // The validator takes any string as a schema's `type`; schemathesis refuses TypeBox's `Date`.
    const { schemas } = document.components as Json;
    assert.deepEqual(foreignTypes({ schemas, paths: document.paths }), []);
  });

  test("every operation has a human title, a tag and a unique operationId", async ({ app }) => {
    const document = await documentOf(app);
    const all = operations(document);
    const summaries = new Map(all.map(({ path, method, operation }) => [
      `${method.toUpperCase()} ${path}`,
      operation.summary,
    ]));
    assert.equal(summaries.get("GET /users"), "List users");
    assert.equal(summaries.get("GET /users/{id}"), "Get a user");
    assert.equal(summaries.get("POST /users"), "Create a user");
    assert.equal(summaries.get("PATCH /persons/{id}"), "Update a person");
    assert.equal(summaries.get("PUT /persons/{id}"), "Replace a person");
    assert.equal(summaries.get("DELETE /persons"), "Delete all persons");
    assert.equal(summaries.get("GET /archive"), "List content items");
    assert.equal(summaries.get("POST /archive"), "Create a content item");
    assert.equal(summaries.get("POST /auth_db"), "Log in");
    for (const { path, method, operation } of all) {
      assert.ok(operation.tags?.length === 1, `${method} ${path} has one tag`);
      assert.doesNotMatch(operation.summary, /\b(one|item) \w+ item\b|_/, operation.summary);
    }
    const ids = all.map(({ operation }) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length, `duplicate operationIds in ${ids.join(", ")}`);
    const tags = (document.tags as { name: string }[]).map((tag) => tag.name);
    for (const { operation } of all) assert.ok(tags.includes(operation.tags[0]!));
  });

  test("the document describes what the API really answers", async ({ app, admin }) => {
    const check = responseChecker(await documentOf(app));
    const anonymous = clientFor(app);
    await check("GET", "/", await anonymous.get("/api"));
    await check("POST", "/auth_db", await anonymous.post("/api/auth_db", { username: "admin" }));
    const company = await admin.post("/api/companies", { name: "ACME" });
    await check("POST", "/companies", company);
    const companyId = (await company.json())._id;
    const born = "Thu, 01 Jan 2026 09:30:00 GMT";
    const created = await admin.post("/api/persons", {
      ref: "alice-1",
      born,
      company: companyId,
      location: { city: "Prague" },
    });
    assert.equal(created.status, 201);
    await check("POST", "/persons", created);
    const { _id: id, _etag: etag } = await created.json();
    const bulk = await admin.post("/api/persons", [{ ref: "bob-22" }, { ref: "carol-3" }]);
    await check("POST", "/persons", bulk);
    await check("GET", "/persons", await admin.get("/api/persons?max_results=2"));
    await check("GET", "/persons", await admin.get('/api/persons?embedded={"company":1}'));
    await check("GET", "/persons", await admin.get("/api/persons?cursor="));
    await check("GET", "/persons/{id}", await admin.get(`/api/persons/${id}`));
    await check("GET", "/persons/{id}", await admin.get("/api/persons/alice-1"));
    await check("GET", "/persons/{id}", await admin.get(`/api/persons/${id}?version=all`));
    const patched = await admin.patch(`/api/persons/${id}`, { age: 30 }, { etag });
    assert.equal(patched.status, 200);
    await check("PATCH", "/persons/{id}", patched);
    await check("GET", "/users", await admin.get("/api/users"));
    const errors = [
      await admin.post("/api/persons", { ref: "x" }),
      await admin.patch(`/api/persons/${id}`, { age: 31 }),
      await admin.patch(`/api/persons/${id}`, { age: 31 }, { etag: "stale" }),
      await admin.get('/api/persons?where={"$where":"1"}'),
    ];
    for (const response of errors) {
      assert.ok(response.status >= 400 && response.status < 500, String(response.status));
    }
    await check("POST", "/persons", errors[0]!);
    await check("PATCH", "/persons/{id}", errors[1]!);
    await check("PATCH", "/persons/{id}", errors[2]!);
    await check("GET", "/persons", errors[3]!);
    await check("GET", "/persons/{id}", await admin.get("/api/persons/ffffffffffffffffffffffff"));
    await check("GET", "/users", await anonymous.get("/api/users"));
    // The newsroom's own routes and the search, described by their modules.
    const item = await admin.post("/api/archive", { headline: "Described", type: "text" });
    await check("POST", "/archive", item);
    const { _id: guid } = await item.json();
    const locked = await admin.post(`/api/archive/${guid}/lock`, {});
    await check("POST", "/archive/{id}/lock", locked);
    await check(
      "POST",
      "/archive/{id}/unlock",
      await admin.post(`/api/archive/${guid}/unlock`, {}),
    );
    const current = await (await admin.get(`/api/archive/${guid}`)).json();
    const spiked = await admin.patch(`/api/archive/spike/${guid}`, {}, { etag: current._etag });
    assert.equal(spiked.status, 200);
    await check("PATCH", "/archive/spike/{id}", spiked);
    await check("GET", "/search", await admin.get("/api/search?repo=archive"));
    const me = (await (await admin.get('/api/users?where={"username":"admin"}')).json())
      ._items[0]._id;
    await check("GET", "/users/{user}/desks", await admin.get(`/api/users/${me}/desks`));
    await check("GET", "/users/{user}/content", await admin.get(`/api/users/${me}/content`));
    const desk = await (await admin.post("/api/desks", { name: "Described" })).json();
    await check("GET", "/desks/{desk}/users", await admin.get(`/api/desks/${desk._id}/users`));
    await check(
      "GET",
      "/desks/{desk}/overview/{kind}",
      await admin.get(`/api/desks/${desk._id}/overview/stages`),
    );
    await check(
      "POST",
      "/desks/{desk}/overview/{kind}",
      await admin.post("/api/desks/all/overview/users", { filters: {} }),
    );
    const wrongDate = Response.json({ _id: id, _etag: etag, _updated: "2026-01-01T09:30:00Z" });
    await assert.rejects(check("GET", "/persons/{id}", wrongDate), /must match pattern/);
    const wrongError = Response.json({ _status: "ERR", _error: "text" }, { status: 404 });
    await assert.rejects(check("GET", "/persons/{id}", wrongError), /must be object/);
  });

  test("GET /api/docs serves Swagger UI from the npm package, with nothing from elsewhere", async ({ app }) => {
    const client = clientFor(app);
    const page = await client.get("/api/docs");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type")!, /text\/html/);
    const html = await page.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    assert.ok(urls.length >= 3, html);
    for (const url of urls) {
      assert.match(url, /^\/api\/docs\//, `${url} is served by us`);
      const asset = await client.get(url);
      assert.equal(asset.status, 200, url);
      assert.ok((await asset.arrayBuffer()).byteLength > 0, url);
    }
    const bundle = await client.get("/api/docs/swagger-ui-bundle.js");
    assert.match(bundle.headers.get("content-type")!, /javascript/);
    assert.match(await bundle.text(), /SwaggerUIBundle/);
    const init = await (await client.get("/api/docs/init.js")).text();
    assert.match(init, /url: "\/api\/openapi\.json"/);
    assert.match(init, /preauthorizeBasic\("sessionBasic", response\.obj\.token, ""\)/);
    const missing = await client.get("/api/docs/other.js");
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get("content-type")!, /application\/json/);
  });
}

const JSON_SCHEMA_TYPES = new Set([
  "null",
  "boolean",
  "object",
  "array",
  "number",
  "string",
  "integer",
]);

const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);

/** Where a schema's `type` is not one of JSON Schema's (path and value), at any depth. */
function foreignTypes(node: unknown, path = "#"): string[] {
  if (!node || typeof node !== "object") return [];
  const found: string[] = [];
  const { type } = node as Json;
  const types = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  for (const name of types) {
    if (!JSON_SCHEMA_TYPES.has(name)) found.push(`${path}/type: ${name}`);
  }
  for (const [key, value] of Object.entries(node)) {
    // Examples and values are data, whose own `type` fields (an item's "text") are not schemas.
    if (DATA_KEYS.has(key)) continue;
    found.push(...foreignTypes(value, `${path}/${key}`));
  }
  return found;
}
