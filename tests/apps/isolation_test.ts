/**
 * Isolation, on the embedded default and the real engines: what an app's code throws is
 * contained where it runs. A hook's bug fails its request with a JSON 500 and stores nothing; a
 * hook's HttpError is the answer; a signal handler's failure is logged and skipped while the
 * write and the other handlers go on; macros, routes and tasks fail named; the app is named in
 * the log every time, never in the response; the server keeps serving.
 */
import assert from "node:assert/strict";
import { AppFailure } from "../../src/app_failure.ts";
import { errorBody } from "../../src/http/error_body.ts";
import { silentLogger } from "../../src/log.ts";
import { body, refused } from "../newsroom/_newsroom.ts";
import { type AppsCase, appsTest } from "./_apps_fixture.ts";

const options = {
  installed: ["tests/apps/fixtures/faulty_app.ts", "examples/apps/fact_checks/mod.ts"],
};
/** The envelope of every 500: the detail stays in the log. */
const HIDDEN = errorBody(500, "Internal server error");

/** The error records naming app "faulty" so far. */
function failuresOf({ records }: AppsCase) {
  return records.items.filter((r) => r.level === "error" && r.app === "faulty");
}

appsTest(
  "a bug in an app's hook fails the request cleanly, stores nothing and is named in the log",
  options,
  async (room) => {
    const { editor } = room;
    const crashed = await editor.post("/api/gadgets", { name: "crash" });
    assert.equal(crashed.status, 500);
    assert.match(crashed.headers.get("content-type")!, /application\/json/);
    assert.deepEqual(await crashed.json(), HIDDEN);
    assert.equal((await body(await editor.get("/api/gadgets")))._meta.total, 0);
    const [failure] = failuresOf(room);
    assert.equal(failure?.msg, "app failed");
    assert.equal(failure?.where, 'onCreate of "gadgets"');
    assert.match(String((failure?.error as Error).message), /Cannot set properties of undefined/);

    await refused(
      await editor.post("/api/gadgets", { name: "refuse" }),
      400,
      "A gadget cannot be named refuse",
    );
    await body(await editor.post("/api/gadgets", { name: "fine" }), 201);
    assert.equal((await body(await editor.get("/api/gadgets")))._meta.total, 1);
  },
);

appsTest(
  "an app's hook on a core resource runs after the core's, contained",
  options,
  async (room) => {
    const { editor, story } = room;
    const crashed = await editor.patch(`/api/archive/${story._id}`, { headline: "BUG here" }, {
      etag: story._etag,
    });
    assert.equal(crashed.status, 500);
    assert.deepEqual(await crashed.json(), HIDDEN);
    const unchanged = await body(await editor.get(`/api/archive/${story._id}`));
    assert.equal(unchanged.headline, story.headline);
    assert.equal(unchanged._etag, story._etag);
    assert.equal(failuresOf(room)[0]?.where, 'onUpdate of "archive"');
  },
);

appsTest(
  "a failing signal handler is skipped: the write stands and later handlers run",
  options,
  async (room) => {
    const { editor, story, app } = room;
    const { queue } = app.platform;
    for (const entry of await queue.read("test", { count: 10 })) await queue.ack(entry);
    await body(
      await editor.patch(`/api/archive/${story._id}`, { headline: "Budget passed" }, {
        etag: story._etag,
      }),
    );
    const skipped = failuresOf(room).filter((r) => r.msg === "signal handler failed; skipped");
    assert.deepEqual(skipped.map((r) => [r.signal, (r.error as Error).message]), [
      ["item:updated", "signal handler bug"],
      ["item:updated", `Cannot assign to read only property 'headline' of object '#<Object>'`],
    ]);
    const stored = await body(await editor.get(`/api/archive/${story._id}`));
    assert.equal(stored.headline, "Budget passed", "the write stands; no handler changed it");
    // fact_checks subscribed after the faulty app: its handler still ran.
    const entries = await queue.read("test", { count: 10 });
    assert.deepEqual(entries.map((e) => [e.task, e.args]), [["fact_checks:scan", {
      item: story._id,
    }]]);
  },
);

appsTest("a failing macro, route or task is contained and names its app", options, async (room) => {
  const { editor, app } = room;
  // The server's own macros are listed too; the app's backend macro only on request.
  const names = async (query: string) =>
    (await body(await editor.get(`/api/macros${query}&max_results=200`)))._items
      .map((m: { name: string }) => m.name);
  assert.ok(!(await names("?backend=false")).includes("explode"));
  assert.ok((await names("?backend=true")).includes("explode"));

  const macro = await editor.post("/api/macros", { macro: "explode", item: { headline: "x" } });
  assert.equal(macro.status, 500);
  // What the web client shows of it (macros.ts `triggerMacro` parses `_message`), the cause not.
  const failed = `Macro "explode" failed on the server; the server log has the cause`;
  assert.deepEqual(await macro.json(), {
    ...errorBody(500, failed),
    _message: JSON.stringify([failed]),
  });
  const route = await editor.get("/api/gadgets_report");
  assert.equal(route.status, 500);
  assert.deepEqual(await route.json(), HIDDEN);
  assert.deepEqual(failuresOf(room).map((r) => r.where), [
    'macro "explode"',
    "route GET /api/gadgets_report",
  ]);
  // Each cause is logged with the request it failed (the answer's `X-Request-Id`).
  assert.deepEqual(failuresOf(room).map((r) => r.request_id), [
    macro.headers.get("x-request-id"),
    route.headers.get("x-request-id"),
  ]);

  const task = app.platform.tasks.get("faulty:fail")!;
  await assert.rejects(
    Promise.resolve(task.handler({} as never, {
      services: app.platform.services,
      signal: new AbortController().signal,
      log: silentLogger,
      attempt: 1,
      taskId: "t1",
    })),
    (error: Error) =>
      error instanceof AppFailure && error.app === "faulty" &&
      error.message === 'App "faulty" failed in task "faulty:fail": task bug',
  );
  await body(await editor.get("/api/gadgets"));
});
