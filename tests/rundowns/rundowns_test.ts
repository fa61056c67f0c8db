/**
 * The rundowns app beyond Superdesk's scenarios (tests/superdesk/rundowns_feature_test.ts): bad
 * input is a JSON 4xx naming the problem, never a 500; clients creating rundowns from one
 * template at once each get their own rundown and item copies; the scheduled creation makes one
 * rundown per slot when workers run it at once; the API reference describes the app's routes.
 * Embedded store only: what is checked is the app's code, not an engine's.
 */
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { clientFor } from "../_client.ts";
import { createScheduledRundowns } from "../../src/rundowns/scheduled_rundowns.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { RundownItemsService } from "../../src/rundowns/rundown_items_service.ts";

const ENV = { INSTALLED_APPS: "src/rundowns/rundowns_app.ts", RUNDOWNS_TIMEZONE: "Europe/Prague" };
const MISSING = "ffffffffffffffffffffffff";

function test(title: string, fn: (app: TestApp) => Promise<void>) {
  Deno.test({
    name: `rundowns: ${title}`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const app = await createTestApp({ env: ENV });
      try {
        await fn(app);
      } finally {
        await app.close();
      }
    },
  });
}

/** A show and a template of it with two items. */
async function showWithTemplate(app: TestApp) {
  const [show] = await app.platform.registry.service("shows").create([{ title: "News" }]);
  const [template] = await app.platform.registry.service("rundown_templates").create([{
    show: show!._id,
    title: "Evening",
    airtime_time: "19:00",
    repeat: true,
    schedule: { freq: "DAILY" },
    autocreate_before_seconds: 86_400,
    items: [{ item_type: "PRLG", title: "Intro", duration: 30 }, {
      item_type: "text",
      title: "Weather",
      duration: 60,
    }],
  }], SYSTEM_ACTOR);
  return { show: String(show!._id), template: String(template!._id) };
}

test("bad input answers a JSON 4xx naming the problem", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const { show, template } = await showWithTemplate(app);
  const rundown = await (await admin.post("/api/rundowns", { show })).json();
  const cases: Array<[string, Promise<Response>, number, RegExp]> = [
    ["unknown show", admin.post("/api/rundowns", { show: MISSING }), 400, /show/],
    ["unknown template", admin.post("/api/rundowns", { show, template: MISSING }), 400, /template/],
    [
      "bad date",
      admin.post("/api/rundowns", { show, airtime_date: "2022-13-40" }),
      400,
      /airtime_date/,
    ],
    [
      "no such day",
      admin.post("/api/rundowns", { show, template, airtime_date: "2022-02-30" }),
      400,
      /airtime_date/,
    ],
    [
      "template airing on no such day",
      admin.post(`/api/shows/${show}/templates`, { title: "x", airtime_date: "2023-02-29" }),
      400,
      /airtime_date/,
    ],
    [
      "unknown item",
      admin.patch(`/api/rundowns/${rundown._id}`, { items: [{ _id: MISSING }] }, {
        etag: rundown._etag,
      }),
      400,
      /does not exist/,
    ],
    [
      "moved to no show",
      admin.patch(`/api/rundowns/${rundown._id}`, { show: MISSING }, { etag: rundown._etag }),
      400,
      /show/,
    ],
    [
      "item of no rundown",
      admin.post("/api/rundown_items", { rundown: MISSING, item_type: "x" }),
      400,
      /rundown/,
    ],
    [
      "template of no show",
      admin.post(`/api/shows/${MISSING}/templates`, { title: "x" }),
      400,
      /show/,
    ],
    [
      "bad frequency",
      admin.post(`/api/shows/${show}/templates`, { title: "x", schedule: { freq: "HOURLY" } }),
      400,
      /schedule/,
    ],
    [
      "template of another show",
      admin.get(`/api/shows/${MISSING}/templates/${template}`),
      404,
      /not found/,
    ],
    ["source not JSON", admin.get("/api/rundowns?source={"), 400, /source/],
    [
      "comment on no item",
      admin.post("/api/rundown_comments", { text: "x", item: MISSING }),
      400,
      /item/,
    ],
    [
      "unknown format",
      admin.post("/api/rundown_export", { format: "docx", rundown: rundown._id }),
      400,
      /format/,
    ],
    [
      "export of no rundown",
      admin.post("/api/rundown_export", { format: "table-csv", rundown: MISSING }),
      400,
      /rundown/,
    ],
    [
      "unknown export link",
      admin.get(`/api/rundowns_export/${"0".repeat(32)}`),
      404,
      /export link/,
    ],
  ];
  for (const [name, pending, status, body] of cases) {
    const response = await pending;
    assert.equal(response.status, status, name);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/, name);
    assert.match(await response.text(), body, name);
  }
  const reader = await loginAs(app, { username: "reader", privileges: { rundowns: 0 } });
  assert.equal((await reader.post("/api/shows", { title: "x" })).status, 403);
  assert.equal((await reader.post(`/api/shows/${show}/templates`, { title: "x" })).status, 403);
});

test("two clients creating a rundown from one template at once each get their own items", async (app) => {
  const { show, template } = await showWithTemplate(app);
  const [a, b] = await Promise.all(
    ["a", "b"].map((name) => loginAs(app, { username: name, admin: true })),
  );
  const responses = await Promise.all(
    [a!, b!].map((client) =>
      client.post("/api/rundowns", { show, template, airtime_date: "2030-01-01" })
    ),
  );
  const rundowns = await Promise.all(responses.map((response) => response.json()));
  assert.deepEqual(responses.map((response) => response.status), [201, 201]);
  assert.notEqual(rundowns[0]._id, rundowns[1]._id);
  const items = await (await a!.get("/api/rundown_items")).json();
  assert.equal(items._meta.total, 4);
  for (const rundown of rundowns) {
    assert.equal(rundown.items.length, 2);
    assert.equal(rundown.duration, 90);
    const own = items._items.filter((item: { rundown: string }) => item.rundown === rundown._id);
    assert.deepEqual(
      own.map((item: { _id: string }) => item._id),
      rundown.items.map((ref: { _id: string }) => ref._id),
    );
  }
});

test("a crash after a template's items are written leaves no rundown without its items", async (app) => {
  const { show, template } = await showWithTemplate(app);
  const admin = await loginAs(app, { username: "admin", admin: true });
  const items = app.platform.registry.service<RundownItemsService>("rundown_items");
  const create = items.create;
  // The process dies right after the items' write: the rest of the creation never runs.
  items.create = async function (...args: Parameters<typeof create>) {
    await create.apply(this, args);
    throw new Error("the process died");
  };
  const crashed = await admin.post("/api/rundowns", { show, template });
  assert.equal(crashed.status, 500);
  await crashed.body?.cancel();
  items.create = create;
  const made = await admin.post("/api/rundowns", { show, template });
  assert.equal(made.status, 201);
  const rundowns = await (await admin.get("/api/rundowns")).json();
  assert.deepEqual(
    rundowns._items.map((rundown: { items: unknown[]; duration: number }) => [
      rundown.items.length,
      rundown.duration,
    ]),
    [[2, 90]],
    "every stored rundown lists its template's items",
  );
});

test("a bulk create refused for one rundown writes no item copies for the others", async (app) => {
  const { show, template } = await showWithTemplate(app);
  const admin = await loginAs(app, { username: "admin", admin: true });
  const refused = await admin.post("/api/rundowns", [{ show, template }, { show: MISSING }]);
  assert.equal(refused.status, 400);
  assert.match(JSON.stringify((await refused.json())._issues), /show/);
  const items = await (await admin.get("/api/rundown_items")).json();
  assert.equal(items._meta.total, 0, "no copies of the template's items were written");
});

test("workers running the scheduled creation at once make one rundown per slot", async (app) => {
  await showWithTemplate(app);
  const { services, log } = app.platform;
  const made = await Promise.all([
    createScheduledRundowns(services, log),
    createScheduledRundowns(services, log),
  ]);
  assert.equal(made.flat().length, 1);
  await createScheduledRundowns(services, log);
  const rundowns = await app.platform.registry.service("rundowns").find({
    page: 1,
    maxResults: 10,
  });
  assert.equal(rundowns.total, 1);
  assert.equal(rundowns.items[0]!.title, "Evening");
  const [template] =
    (await app.platform.registry.service("rundown_templates").find({ page: 1, maxResults: 1 }))
      .items;
  assert.ok((template!.scheduled_on as Date) > (rundowns.items[0]!.scheduled_on as Date));
});

test("the API reference describes the app's routes", async (app) => {
  const response = await clientFor(app).get("/api/openapi.json");
  const document = await response.json();
  assert.deepEqual(await new Validator().validate(document), { valid: true });
  for (
    const path of [
      "/shows",
      "/rundowns/{id}",
      "/rundown_items",
      "/shows/{show}/templates/{id}",
      "/rundown_export",
      "/rundowns_export/{token}",
    ]
  ) {
    assert.ok(document.paths[path], path);
  }
});

test("an item changed while a rundown starts listing it leaves the rundown its new duration", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const [show] = await app.platform.registry.service("shows").create([{ title: "News" }]);
  const rundown = await (await admin.post("/api/rundowns", { show: show!._id })).json();
  const item = await (await admin.post("/api/rundown_items", {
    rundown: rundown._id,
    item_type: "text",
    duration: 10,
  })).json();
  // The rundown's write reads the item, then waits until the item has changed.
  const items = app.platform.registry.service<RundownItemsService>("rundown_items");
  const byIds = items.byIds.bind(items);
  const read = Promise.withResolvers<void>();
  const changed = Promise.withResolvers<void>();
  items.byIds = async (ids) => {
    items.byIds = byIds;
    const found = await byIds(ids);
    read.resolve();
    await changed.promise;
    return found;
  };
  const listing = admin.patch(`/api/rundowns/${rundown._id}`, { items: [{ _id: item._id }] }, {
    etag: rundown._etag,
  });
  await read.promise;
  const patched = await admin.patch(`/api/rundown_items/${item._id}`, { duration: 25 }, {
    etag: item._etag,
  });
  assert.equal(patched.status, 200);
  changed.resolve();
  assert.equal((await listing).status, 200);
  const stored = await (await admin.get(`/api/rundowns/${rundown._id}`)).json();
  assert.equal(stored.duration, 25);
});

test("an item of a rundown changed after another of its items was deleted is saved and summed", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const [show] = await app.platform.registry.service("shows").create([{ title: "News" }]);
  const rundown = await (await admin.post("/api/rundowns", { show: show!._id })).json();
  const [kept, deleted] = await Promise.all(
    [10, 20].map(async (duration) =>
      await (await admin.post("/api/rundown_items", {
        rundown: rundown._id,
        item_type: "text",
        duration,
      })).json()
    ),
  );
  const listed = await admin.patch(`/api/rundowns/${rundown._id}`, {
    items: [{ _id: kept._id }, { _id: deleted._id }],
  }, { etag: rundown._etag });
  assert.equal((await listed.json()).duration, 30);
  const removal = await admin.delete(`/api/rundown_items/${deleted._id}`, { etag: deleted._etag });
  assert.equal(removal.status, 204);
  const patched = await admin.patch(`/api/rundown_items/${kept._id}`, { duration: 15 }, {
    etag: kept._etag,
  });
  assert.equal(patched.status, 200);
  const stored = await (await admin.get(`/api/rundowns/${rundown._id}`)).json();
  assert.equal(stored.duration, 15);
});

test("an export leaves out the item and subitem types marked inactive", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  // Stored as given (Superdesk's fixtures), as the vocabularies' own checks need more fields.
  await app.platform.documents.collection("vocabularies").insertMany([
    {
      _id: "rundown_subitem_types",
      items: [{ name: "Wall", qcode: "WALL" }, { name: "Old", qcode: "OLD", is_active: false }],
    },
    {
      _id: "rundown_item_types",
      items: [{ name: "Prologue", qcode: "PRLG", is_active: false }],
    },
  ]);
  const [show] = await app.platform.registry.service("shows").create([{ title: "News" }]);
  const rundown = await (await admin.post("/api/rundowns", { show: show!._id })).json();
  const item = await (await admin.post("/api/rundown_items", {
    rundown: rundown._id,
    item_type: "PRLG",
    title: "Intro",
    subitems: [{ qcode: "WALL", technical_info: "w" }, { qcode: "OLD", technical_info: "o" }],
  })).json();
  await admin.patch(`/api/rundowns/${rundown._id}`, { items: [{ _id: item._id }] }, {
    etag: rundown._etag,
  });
  const link = await (await admin.post("/api/rundown_export", {
    format: "table-csv",
    rundown: rundown._id,
  })).json();
  const file = await admin.get(new URL(link.href).pathname);
  assert.equal(file.status, 200);
  assert.equal(
    await file.text(),
    "Order,Type,Technical Title,Wall,Duration\r\n1,PRLG,PRLG-INTRO,w,\r\n",
  );
});
