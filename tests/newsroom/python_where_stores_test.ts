/** Python-syntax `where` at the stores: edge literals answer, never a 500, on every setup. */
import assert from "node:assert/strict";
import { body, newsroomTest } from "./_newsroom.ts";

newsroomTest("GET lists with Python where of edge literals answer 200 or 400", async (room) => {
  const made = await body(await room.editor.post("/api/archive", { headline: "edge" }), 201);
  const ask = async (resource: string, where: string) => {
    const response = await room.editor.get(`/api/${resource}?where=${encodeURIComponent(where)}`);
    const answer = await response.json();
    assert.ok(response.status === 200 || response.status === 400, `${where}: ${response.status}`);
    if (response.status === 400) assert.match(answer._message, /where|query|Invalid/i, where);
    return response.status === 200 ? answer._items.map((i: { _id: string }) => i._id) : null;
  };
  for (const resource of ["archive", "archive_history", "tasks"]) {
    for (
      const where of [
        `_current_version<1e999`,
        `_current_version>-1e999`,
        `_current_version==-0`,
        `headline=="\\\\' or 1==1 --"`,
        `headline=="x\\") or (\\"1\\"==\\"1"`,
        `a.b.c.d.e.f.g.h==None`,
        `${"(".repeat(30)}headline=="edge"${")".repeat(30)}`,
      ]
    ) await ask(resource, where);
  }
  // What matches is what JSON would match.
  const id = JSON.stringify(made._id);
  assert.deepEqual(await ask("archive", `_id==${id} and _current_version<1e9`), [made._id]);
  assert.equal(await ask("archive", `_id==${id} and _current_version<1e999`), null); // Infinity
  assert.deepEqual(await ask("archive", `_id==${id} and headline=="' or 1==1 --"`), []);
});
