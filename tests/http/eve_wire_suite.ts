/**
 * Eve's wire contract under Superdesk's settings, over HTTP, on the `persons` test resource:
 * one suite, run on the embedded store (eve_wire_sqlite_test.ts) and on MongoDB
 * (eve_wire_mongo_test.ts). Each case asserts status, then content type, then body, as Eve's own
 * tests do.
 */
import assert from "node:assert/strict";
import { suiteTest } from "../_engine_app.ts";
import { type TestApp } from "../_app.ts";
import { type Client, clientFor } from "../_client.ts";

/** Superdesk's `DATE_FORMAT` on the wire. */
const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

/** Registers the suite; `makeApp` builds a fresh app with the persons module and an admin. */
export function eveWireSuite(
  name: string,
  makeApp: () => Promise<{ app: TestApp; admin: Client; reader: Client }>,
  { ignore = false }: { ignore?: boolean } = {},
) {
  const test = suiteTest(name, makeApp, { ignore });

  test("GET /api lists every resource under _links.child without a session", async ({ app }) => {
    const response = await clientFor(app).get("/api");
    assert.equal(response.status, 200);
    const body = await response.json();
    const hrefs = body._links.child.map((link: { href: string }) => link.href);
    assert.ok(hrefs.includes("persons") && hrefs.includes("companies"), hrefs.join());
  });

  test("an empty collection answers Eve's envelope", async ({ admin }) => {
    const response = await admin.get("/api/persons");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    assert.equal(response.headers.get("x-total-count"), "0");
    assert.equal(response.headers.get("cache-control"), "max-age=0, no-cache");
    const body = await response.json();
    assert.deepEqual(Object.keys(body), ["_items", "_links", "_meta"]);
    assert.deepEqual(body._items, []);
    // Superdesk's PAGINATION_DEFAULT is 500, clamped to this resource's own limit of 50.
    assert.deepEqual(body._meta, { page: 1, max_results: 50, total: 0 });
    assert.deepEqual(body._links, {
      parent: { title: "home", href: "/" },
      self: { title: "persons", href: "persons" },
    });
  });

  test("POST answers 201 with the whole document, Location, dates as %Y-%m-%dT%H:%M:%S+0000", async ({ admin }) => {
    const response = await admin.post("/api/persons", {
      ref: "alpha-1",
      name: "A",
      born: "Thu, 01 Jan 2026 09:30:00 GMT",
    });
    assert.equal(response.status, 201);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    const body = await response.json();
    assert.equal(body._status, "OK");
    assert.match(body._id, /^[a-f0-9]{24}$/);
    assert.match(body._etag, /^[a-f0-9]{40}$/);
    assert.match(body._created, WIRE_DATE);
    assert.match(body._updated, WIRE_DATE);
    assert.equal(body.born, "2026-01-01T09:30:00+0000");
    assert.equal(body.name, "A");
    assert.equal(body.ref, "alpha-1");
    assert.equal(body._current_version, 1);
    assert.equal(body._latest_version, 1);
    assert.deepEqual(body._links, { self: { title: "Person", href: `persons/${body._id}` } });
    assert.ok(response.headers.get("location")!.endsWith(`/api/persons/${body._id}`));
    const item = await admin.get(`/api/persons/${body._id}`);
    assert.equal(item.status, 200);
    assert.equal(item.headers.get("etag"), `"${body._etag}"`);
    // Headers keep RFC 1123.
    assert.match(item.headers.get("last-modified")!, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4}/);
    const doc = await item.json();
    const { _links: _itemLinks, _type, ...stored } = doc;
    const { _links: _writeLinks, _status, ...written } = body;
    assert.deepEqual(stored, written, "the write answer is the document a GET renders");
    assert.equal(_type, "persons", "a GET names the collection, as Superdesk's data layer");
    assert.equal(doc._links.self.href, `persons/${body._id}`);
  });

  test("dates are accepted as Superdesk's form, other ISO 8601 and RFC 1123, in bodies and where", async ({ admin }) => {
    const forms = [
      ["date-a", "2026-01-01T09:30:00+0000"],
      ["date-b", "2026-01-02T11:30:00+02:00"],
      ["date-c", "Sat, 03 Jan 2026 09:30:00 GMT"],
      ["date-d", "2026-01-04T09:30:00.250Z"],
    ];
    for (const [ref, born] of forms) {
      const response = await admin.post("/api/persons", { ref, born });
      assert.equal(response.status, 201, await response.clone().text());
    }
    const list = await (await admin.get("/api/persons?sort=born")).json();
    assert.deepEqual(list._items.map((item: { born: string }) => item.born), [
      "2026-01-01T09:30:00+0000",
      "2026-01-02T09:30:00+0000",
      "2026-01-03T09:30:00+0000",
      "2026-01-04T09:30:00+0000",
    ]);
    for (
      const since of [
        "2026-01-02T09:30:00+0000",
        "Fri, 02 Jan 2026 09:30:00 GMT",
        "2026-01-02T09:30:00Z",
      ]
    ) {
      const where = encodeURIComponent(JSON.stringify({ born: { $gte: since } }));
      const found = await (await admin.get(`/api/persons?where=${where}&sort=born`)).json();
      assert.deepEqual(found._items.map((item: { ref: string }) => item.ref), [
        "date-b",
        "date-c",
        "date-d",
      ], since);
    }
  });

  test("a POSTed list of one is answered with the item itself", async ({ admin }) => {
    const response = await admin.post("/api/persons", [{ ref: "single-1" }]);
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.equal(body._items, undefined);
    assert.equal(body._status, "OK");
    assert.equal(body.ref, "single-1");
  });

  test("bulk POST is all-or-nothing with per-document issues, a 400", async ({ admin }) => {
    const response = await admin.post("/api/persons", [{ ref: "bulk-ok-1" }, { ref: "x" }, {}]);
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body._status, "ERR");
    assert.equal(body._error.code, 400);
    assert.deepEqual(body._items, [
      { _status: "OK" },
      { _status: "ERR", _issues: { ref: { minlength: 1 } } },
      { _status: "ERR", _issues: { ref: { required: 1 } } },
    ]);
    const list = await (await admin.get("/api/persons")).json();
    assert.equal(list._meta.total, 0);
    const ok = await admin.post("/api/persons", [{ ref: "bulk-ok-1" }, { ref: "bulk-ok-2" }]);
    assert.equal(ok.status, 201);
    const items = (await ok.json())._items;
    assert.deepEqual(items.map((item: { ref: string }) => item.ref), ["bulk-ok-1", "bulk-ok-2"]);
    assert.ok(items.every((item: { _status: string }) => item._status === "OK"));
  });

  test("a single invalid document gets 400 with Superdesk's _issues and _message", async ({ admin }) => {
    const response = await admin.post("/api/persons", { ref: "valid-ref", age: "old", zip: 1 });
    assert.equal(response.status, 400);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    const body = await response.json();
    assert.equal(body._status, "ERR");
    assert.equal(body._message, body._error.message);
    assert.equal(body._error.code, 400);
    assert.deepEqual(body._issues, { age: "must be of integer type", zip: "unknown field" });
  });

  test("a duplicate _id is a 409; a duplicate unique field is a 400 {field: {unique: 1}}", async ({ admin }) => {
    const id = "aaaaaaaaaaaaaaaaaaaaaaaa";
    assert.equal((await admin.post("/api/persons", { _id: id, ref: "first-ref" })).status, 201);
    const dupId = await admin.post("/api/persons", { _id: id, ref: "other-ref" });
    assert.equal(dupId.status, 409);
    const dupRef = await admin.post("/api/persons", { ref: "first-ref" });
    assert.equal(dupRef.status, 400);
    assert.deepEqual((await dupRef.json())._issues, { ref: { unique: 1 } });
  });

  test("a bulk POST colliding with stored unique values answers per item in _items", async ({ admin }) => {
    assert.equal((await admin.post("/api/persons", { ref: "taken-1" })).status, 201);
    const response = await admin.post("/api/persons", [
      { ref: "fresh-1" },
      { ref: "taken-1" },
      { ref: "fresh-2" },
      { ref: "fresh-2" },
    ]);
    assert.equal(response.status, 400);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    const body = await response.json();
    assert.equal(body._status, "ERR");
    assert.deepEqual(body._items, [
      { _status: "OK" },
      { _status: "ERR", _issues: { ref: { unique: 1 } } },
      { _status: "OK" },
      { _status: "ERR", _issues: { ref: { unique: 1 } } },
    ]);
    const list = await (await admin.get("/api/persons")).json();
    assert.deepEqual(list._items.map((item: { ref: string }) => item.ref), ["taken-1"]);
  });

  test("a string holding a lone surrogate is a 400, a valid pair is stored", async ({ admin }) => {
    const lone = await admin.raw("POST", "/api/persons", String.raw`{"ref": "lone-\ud800"}`, {
      "Content-Type": "application/json",
    });
    assert.equal(lone.status, 400);
    assert.match((await lone.json())._message, /lone surrogate/);
    const key = await admin.raw(
      "POST",
      "/api/persons",
      String.raw`{"ref": "lone-key", "\udfff": 1}`,
      {
        "Content-Type": "application/json",
      },
    );
    assert.equal(key.status, 400);
    const pair = await admin.raw(
      "POST",
      "/api/persons",
      String.raw`{"ref": "pair-\ud83d\ude00"}`,
      {
        "Content-Type": "application/json",
      },
    );
    assert.equal(pair.status, 201);
    assert.equal((await pair.json()).ref, "pair-\u{1F600}");
  });

  test("PATCH needs If-Match: 428 without, 412 stale, 200 with the new etag", async ({ admin }) => {
    const created = await (await admin.post("/api/persons", {
      ref: "patch-me",
      location: { city: "A", street: "S" },
    })).json();
    const url = `/api/persons/${created._id}`;
    assert.equal((await admin.patch(url, { name: "B" })).status, 428);
    assert.equal((await admin.patch(url, { name: "B" }, { etag: "0".repeat(40) })).status, 412);
    const ok = await admin.patch(url, { "location.city": "C" }, { etag: created._etag });
    assert.equal(ok.status, 200);
    const patched = await ok.json();
    assert.notEqual(patched._etag, created._etag);
    assert.equal(ok.headers.get("etag"), `"${patched._etag}"`);
    assert.equal(patched._status, "OK");
    assert.equal(patched.ref, "patch-me", "the whole document comes back");
    assert.deepEqual(patched.location, { city: "C", street: "S" }, "a dotted key sets one leaf");
    const doc = await (await admin.get(url)).json();
    assert.deepEqual(doc.location, { city: "C", street: "S" });
    assert.equal(doc._current_version, 2);
    const replaced = await admin.patch(url, { location: { city: "D" } }, { etag: patched._etag });
    assert.equal(replaced.status, 200);
    assert.deepEqual((await replaced.json()).location, { city: "D" }, "a nested object replaces");
    assert.deepEqual((await (await admin.get(url)).json()).location, { city: "D" });
  });

  test("PATCH with an invalid value is a 400 and changes nothing", async ({ admin }) => {
    const created = await (await admin.post("/api/persons", { ref: "strict-1" })).json();
    const url = `/api/persons/${created._id}`;
    const bad = await admin.patch(url, { age: -1 }, { etag: created._etag });
    assert.equal(bad.status, 400);
    assert.deepEqual((await bad.json())._issues, { age: "min value is 0" });
    assert.equal((await (await admin.get(url)).json())._etag, created._etag);
  });

  test("PUT replaces, PUT on a missing id creates (201), DELETE needs If-Match", async ({ admin }) => {
    const id = "bbbbbbbbbbbbbbbbbbbbbbbb";
    const created = await admin.put(`/api/persons/${id}`, { ref: "put-new" });
    assert.equal(created.status, 201);
    const first = await created.json();
    const replaced = await admin.put(`/api/persons/${id}`, { ref: "put-new", name: "Z" }, {
      etag: first._etag,
    });
    assert.equal(replaced.status, 200);
    const second = await replaced.json();
    assert.equal(second.name, "Z");
    assert.equal(second._status, "OK");
    assert.equal((await admin.delete(`/api/persons/${id}`)).status, 428);
    assert.equal((await admin.delete(`/api/persons/${id}`, { etag: first._etag })).status, 412);
    assert.equal((await admin.delete(`/api/persons/${id}`, { etag: second._etag })).status, 204);
    assert.equal((await admin.get(`/api/persons/${id}`)).status, 404);
    assert.equal((await admin.delete(`/api/persons/${id}`)).status, 204);
  });

  test("item GET honours If-None-Match and If-Modified-Since with 304", async ({ admin }) => {
    // persons (versioned) renders decoded documents, companies the stored text.
    for (
      const [resource, doc] of [["persons", { ref: "cache-1" }], ["companies", { name: "C" }]]
    ) {
      const created = await (await admin.post(`/api/${resource}`, doc)).json();
      const url = `/api/${resource}/${created._id}`;
      const hit = await admin.get(url, { headers: { "If-None-Match": `"${created._etag}"` } });
      assert.equal(hit.status, 304);
      assert.equal(hit.headers.get("etag"), `"${created._etag}"`);
      assert.equal(await hit.text(), "");
      const other = await admin.get(url, { headers: { "If-None-Match": '"other"' } });
      assert.equal(other.status, 200);
      const { _links, _type, ...shown } = await other.json();
      const { _links: _written, _status, ...written } = created;
      assert.deepEqual(shown, written, "the item GET shows what the write answered");
      assert.equal(_type, resource);
      assert.deepEqual(Object.keys(_links), ["self", "parent", "collection"]);
      assert.deepEqual(_links.collection, { title: resource, href: resource });
      const future = new Date(Date.now() + 60_000).toUTCString();
      const since = await admin.get(url, { headers: { "If-Modified-Since": future } });
      assert.equal(since.status, 304);
      // Not a date: ignored (RFC 9110, 13.1.3).
      const bad = await admin.get(url, { headers: { "If-Modified-Since": "yesterday" } });
      assert.equal(bad.status, 200);
    }
  });

  test("where, sort, paging, projection and the pagination links", async ({ admin }) => {
    const docs = Array.from(
      { length: 7 },
      (_, i) => ({ ref: `page-${i}`, age: i, tags: i % 2 ? ["odd"] : ["even"] }),
    );
    assert.equal((await admin.post("/api/persons", docs)).status, 201);
    const page2 = await admin.get(`/api/persons?max_results=3&page=2&sort=-age`);
    const body = await page2.json();
    assert.deepEqual(body._items.map((d: { age: number }) => d.age), [3, 2, 1]);
    assert.deepEqual(body._meta, { page: 2, max_results: 3, total: 7 });
    assert.equal(body._links.next.href, "persons?max_results=3&sort=-age&page=3");
    assert.equal(body._links.prev.href, "persons?max_results=3&sort=-age");
    assert.equal(body._links.last.href, "persons?max_results=3&sort=-age&page=3");
    const where = encodeURIComponent(JSON.stringify({ age: { $gte: 2, $lt: 5 }, tags: "odd" }));
    const filtered = await (await admin.get(`/api/persons?where=${where}&sort=age`)).json();
    assert.deepEqual(filtered._items.map((d: { age: number }) => d.age), [3]);
    const projected = await (await admin.get(`/api/persons?projection={"age":1}&max_results=1`))
      .json();
    assert.deepEqual(Object.keys(projected._items[0]).filter((k) => !k.startsWith("_")), ["age"]);
    const one =
      await (await admin.get(`/api/persons/${projected._items[0]._id}?projection={"tags":1}`))
        .json();
    assert.deepEqual(Object.keys(one).filter((k) => !k.startsWith("_")), ["tags"]);
    assert.ok(one._etag && one._links.self);
  });

  test("sort with more than 32 keys and a page past the limit are 400s naming the parameter", async ({ admin }) => {
    const keys = Array.from({ length: 33 }, (_, i) => `f${i}`).join(",");
    const sort = await admin.get(`/api/persons?sort=${keys}`);
    assert.equal(sort.status, 400);
    assert.match((await sort.json())._message, /"sort": 33 keys, at most 32/);
    assert.equal(
      (await admin.get(`/api/persons?sort=${keys.split(",").slice(1).join(",")}`)).status,
      200,
    );
    const page = await admin.get("/api/persons?page=99999999999999999999");
    assert.equal(page.status, 400);
    assert.match((await page.json())._message, /Invalid "page"/);
  });

  test("cursor pagination walks every item once by _id, without counting", async ({ admin }) => {
    const docs = Array.from({ length: 7 }, (_, i) => ({ ref: `cursor-${i}`, age: i }));
    assert.equal((await admin.post("/api/persons", docs)).status, 201);
    const seen: string[] = [];
    let url: string | undefined = "/api/persons?cursor=&max_results=3";
    let pages = 0;
    while (url) {
      const response = await admin.get(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("x-total-count"), null);
      const body = await response.json();
      assert.equal(body._meta.total, undefined);
      seen.push(...body._items.map((item: { ref: string }) => item.ref));
      url = body._links.next ? `/api/${body._links.next.href}` : undefined;
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, docs.map((d) => d.ref));
    const backwards = await (await admin.get("/api/persons?cursor=&sort=-_id&max_results=2"))
      .json();
    assert.deepEqual(backwards._items.map((i: { ref: string }) => i.ref), ["cursor-6", "cursor-5"]);
    assert.equal((await admin.get("/api/persons?cursor=garbage!")).status, 400);
    assert.equal((await admin.get("/api/persons?cursor=&sort=age")).status, 400);
  });

  test("cursor pagination continues after an _id outside Latin-1", async ({ admin }) => {
    const ids = ["ключ-1", "ключ-2", "鍵鍵鍵鍵-3"];
    const created = await admin.post("/api/persons", ids.map((_id) => ({ _id, ref: _id })));
    assert.equal(created.status, 201, await created.clone().text());
    const first = await admin.get("/api/persons?cursor=&max_results=1");
    assert.equal(first.status, 200);
    const page = await first.json();
    assert.deepEqual(page._items.map((i: { _id: string }) => i._id), [ids[0]]);
    const second = await (await admin.get(`/api/${page._links.next.href}`)).json();
    assert.deepEqual(second._items.map((i: { _id: string }) => i._id), [ids[1]]);
  });

  test("where with $where or an unknown operator is a JSON 400 naming it", async ({ admin }) => {
    for (const op of ["$where", "$function", "$accumulator", "$expr", "$bogus"]) {
      const where = encodeURIComponent(JSON.stringify({ [op]: "1" }));
      const response = await admin.get(`/api/persons?where=${where}`);
      assert.equal(response.status, 400, op);
      assert.match(response.headers.get("content-type")!, /json/);
      assert.ok((await response.json())._error.message.includes(op));
    }
  });

  test("malformed JSON bodies and wrong content types are 400s", async ({ admin }) => {
    const bad = await admin.raw("POST", "/api/persons", "{nope", {
      "Content-Type": "application/json",
    });
    assert.equal(bad.status, 400);
    assert.match((await bad.json())._error.message, /Malformed JSON/);
    const form = await admin.raw("POST", "/api/persons", "a=b", { "Content-Type": "text/plain" });
    assert.equal(form.status, 400);
  });

  test("versions: ?version=N, all and diffs", async ({ admin }) => {
    const created = await (await admin.post("/api/persons", { ref: "ver-1", name: "one" })).json();
    const url = `/api/persons/${created._id}`;
    const v2 = await (await admin.patch(url, { name: "two" }, { etag: created._etag })).json();
    assert.equal(v2._current_version, 2);
    const first = await (await admin.get(`${url}?version=1`)).json();
    assert.equal(first.name, "one");
    assert.equal(first._latest_version, 2);
    const all = await (await admin.get(`${url}?version=all`)).json();
    assert.deepEqual(all._items.map((v: { name: string }) => v.name), ["one", "two"]);
    const diffs = await (await admin.get(`${url}?version=diffs`)).json();
    assert.equal(diffs._items[1].name, "two");
    assert.equal(diffs._items[1].ref, undefined);
    assert.equal((await admin.get(`${url}?version=9`)).status, 404);
    assert.equal((await admin.get(`${url}?version=x`)).status, 400);
  });

  test("a list renders each item as its GET does (self link only), headers from the page", async ({ admin }) => {
    // companies: no versioning, hidden field or hook, so the embedded store answers the list
    // from its stored text; it must say what the item GETs (decoded documents) say.
    const created = await admin.post("/api/companies", [{ name: "A" }, { name: 'B "q" \\ é' }, {
      name: "C",
    }]);
    assert.equal(created.status, 201);
    const ids = (await created.json())._items.map((item: { _id: string }) => item._id);
    const first = await (await admin.get(`/api/companies/${ids[0]}`)).json();
    const patched = await admin.patch(`/api/companies/${ids[0]}`, { name: "A2" }, {
      etag: first._etag,
    });
    assert.equal(patched.status, 200);
    const response = await admin.get('/api/companies?max_results=2&sort=[("name",1)]');
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    assert.equal(response.headers.get("x-total-count"), "3");
    const body = await response.json();
    assert.deepEqual(Object.keys(body), ["_items", "_links", "_meta"]);
    assert.deepEqual(body._meta, { page: 1, max_results: 2, total: 3 });
    const query = "max_results=2&sort=%5B%28%22name%22%2C1%29%5D";
    assert.deepEqual(body._links, {
      parent: { title: "home", href: "/" },
      self: { title: "companies", href: `companies?${query}` },
      next: { title: "next page", href: `companies?${query}&page=2` },
      last: { title: "last page", href: `companies?${query}&page=2` },
    });
    assert.deepEqual(body._items.map((item: { name: string }) => item.name), [
      "A2",
      'B "q" \\ é',
    ]);
    const modified: number[] = [];
    for (const listed of body._items) {
      const item = await admin.get(`/api/companies/${listed._id}`);
      modified.push(Date.parse(item.headers.get("last-modified")!));
      const { _links, _type, ...doc } = await item.json();
      assert.equal(_type, "companies", "only an item GET names the collection");
      const expected = { ...doc, _links: { self: _links.self } };
      assert.deepEqual(listed, expected);
      assert.deepEqual(Object.keys(listed), Object.keys(expected));
      assert.match(listed._updated, WIRE_DATE);
    }
    assert.equal(Date.parse(response.headers.get("last-modified")!), Math.max(...modified));
    const rest = await (await admin.get('/api/companies?max_results=2&page=2&sort=[("name",1)]'))
      .json();
    assert.deepEqual(rest._items.map((item: { name: string }) => item.name), ["C"]);
    assert.equal(rest._meta.total, 3);
  });

  test("embedded expands an embeddable relation", async ({ admin }) => {
    const company = await (await admin.post("/api/companies", { name: "ACME" })).json();
    await admin.post("/api/persons", { ref: "emb-1", company: company._id });
    const list = await (await admin.get(`/api/persons?embedded={"company":1}`)).json();
    assert.equal(list._items[0].company.name, "ACME");
  });

  test("additional lookup serves GET by ref", async ({ admin }) => {
    const created = await (await admin.post("/api/persons", { ref: "lookup-me" })).json();
    const response = await admin.get("/api/persons/lookup-me");
    assert.equal(response.status, 200);
    assert.equal((await response.json())._id, created._id);
  });

  test("a method the resource does not serve is a JSON 405 with Allow", async ({ admin }) => {
    const response = await admin.raw("DELETE", "/api/companies");
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET, HEAD, POST, OPTIONS");
    assert.equal((await response.json())._error.code, 405);
    // The additional lookup serves GET only: writes take the id.
    const byRef = await admin.raw("PATCH", "/api/persons/lookup-me", JSON.stringify({}));
    assert.equal(byRef.status, 405);
    assert.equal(byRef.headers.get("allow"), "GET, HEAD, OPTIONS");
    await byRef.body?.cancel();
    const options = await admin.raw("OPTIONS", "/api/persons");
    assert.equal(options.status, 204);
    assert.equal(options.headers.get("allow"), "GET, HEAD, POST, DELETE, OPTIONS");
  });

  test("an unknown URL is a JSON 404", async ({ admin }) => {
    const response = await admin.get("/api/nothing-here");
    assert.equal(response.status, 404);
    assert.match(response.headers.get("content-type")!, /json/);
    assert.equal((await response.json())._status, "ERR");
  });

  test("a method needing a privilege the user lacks is a 403 naming it", async ({ reader }) => {
    const list = await reader.get("/api/persons");
    assert.equal(list.status, 200);
    const response = await reader.post("/api/persons", { ref: "denied-1" });
    assert.equal(response.status, 403);
    assert.match((await response.json())._error.message, /"persons"/);
  });

  test("no session is a 401 with {_issues: {auth: 1}}", async ({ app }) => {
    const response = await clientFor(app).get("/api/persons");
    assert.equal(response.status, 401);
    assert.deepEqual((await response.json())._issues, { auth: 1 });
  });

  test("concurrent PATCHes with one etag: exactly one wins, the rest get 412", async ({ admin }) => {
    const created = await (await admin.post("/api/persons", { ref: "race-1", age: 0 })).json();
    const url = `/api/persons/${created._id}`;
    const responses = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => admin.patch(url, { age: i + 1 }, { etag: created._etag }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join());
    assert.equal(statuses.filter((s) => s === 412).length, 19, statuses.join());
    await Promise.all(responses.map((r) => r.body?.cancel()));
  });
}
