/**
 * The collection DELETEs Superdesk offers (`resource_methods` with DELETE: `dictionaries`,
 * `item_comments`, `comments`) delete without `If-Match`: every dictionary, the caller's own item
 * comments (what their list shows); a comment's author rule still holds (generic comments
 * holding another's are a 403 with nothing deleted); resources Superdesk offers no collection
 * DELETE for answer 405. Both setups.
 */
import assert from "node:assert/strict";
import { suiteTest } from "../_engine_app.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";

const mongoUri = engineUrl("MONGO_URI");
for (const [name, uri] of [["embedded", undefined], ["mongodb", mongoUri]] as const) {
  const appTest = suiteTest(name, async () => ({ app: await createTestApp({ mongoUri: uri }) }), {
    ignore: name === "mongodb" && !mongoUri,
  });

  appTest("DELETE /api/dictionaries deletes every dictionary without If-Match", async ({ app }) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    for (const language_id of ["en", "de"]) {
      const created = await admin.post("/api/dictionaries", {
        name: language_id,
        language_id,
        content: { word: 1 },
      });
      assert.equal(created.status, 201, await created.text());
    }
    const response = await admin.raw("DELETE", "/api/dictionaries");
    assert.equal(response.status, 204, await response.text());
    assert.equal((await (await admin.get("/api/dictionaries")).json())._meta.total, 0);
  });

  appTest(
    "DELETE /api/item_comments deletes the caller's own comments, those its list shows",
    async ({ app }) => {
      const jane = await loginAs(app, { username: "jane", admin: true });
      const joe = await loginAs(app, { username: "joe", admin: true });
      const item = await (await jane.post("/api/archive", { type: "text", headline: "x" })).json();
      for (const [who, text] of [[jane, "one"], [jane, "two"], [joe, "three"]] as const) {
        assert.equal((await who.post("/api/item_comments", { text, item: item._id })).status, 201);
      }
      const response = await jane.raw("DELETE", "/api/item_comments");
      assert.equal(response.status, 204, await response.text());
      const left = await (await jane.get(`/api/item_comments?where={"item":"${item._id}"}`)).json();
      assert.deepEqual(left._items.map(({ text }: { text: string }) => text), ["three"]);
    },
  );

  appTest(
    "DELETE /api/comments holding another's comment is a 403 and deletes nothing",
    async ({ app }) => {
      const jane = await loginAs(app, { username: "jane", admin: true });
      const joe = await loginAs(app, { username: "joe", admin: true });
      for (const [who, text] of [[jane, "one"], [jane, "two"], [joe, "three"]] as const) {
        assert.equal((await who.post("/api/comments", { text, item: "plan-1" })).status, 201);
      }
      const refused = await jane.raw("DELETE", "/api/comments");
      assert.equal(refused.status, 403);
      assert.equal((await refused.json())._message, "Only the author may change a comment");
      assert.equal((await (await jane.get("/api/comments")).json())._meta.total, 3);
      const joes = (await (await joe.get("/api/comments")).json())._items
        .find(({ text }: { text: string }) => text === "three");
      const gone = await joe.delete(`/api/comments/${joes._id}`, { etag: joes._etag });
      assert.equal(gone.status, 204);
      const response = await jane.raw("DELETE", "/api/comments");
      assert.equal(response.status, 204, await response.text());
      assert.equal((await (await jane.get("/api/comments")).json())._meta.total, 0);
    },
  );

  appTest("a collection DELETE Superdesk does not offer is a 405", async ({ app }) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    for (const resource of ["desks", "vocabularies", "archive", "users"]) {
      const response = await admin.raw("DELETE", `/api/${resource}`);
      assert.equal(response.status, 405, resource);
      await response.body?.cancel();
    }
  });
}
