/**
 * superdesk-client-core's Protractor spec notifications "create a new user mention", replayed
 * as the client sends it, on the embedded default and on the real engines (client paths at
 * superdesk-client-core 997d498a4): the comments widget saves a comment and reloads the item's
 * comments with `where={"item": id}` and `embedded={"user": 1}`
 * (scripts/apps/authoring/comments/comments.ts:11-31, 49-73). The e2e dump's item5 has
 * `_current_version` 0 (its `version` is 1; Superdesk's lists hide `version` 0 only); an item
 * the user can open has its comments listed whatever its version.
 */
import assert from "node:assert/strict";
import { items, ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "comments widget: a comment on an item not yet saved is listed",
  async (t, { server, session: { auth, url, post }, desk }) => {
    // As the e2e dump's item5 is stored (a restore writes it unchanged).
    await server.app.platform.registry.service("archive").create(
      [{
        _id: "item5",
        guid: "item5",
        type: "text",
        headline: "item5",
        state: "in_progress",
        version: 1,
        _current_version: 0,
        task: { desk: desk._id, stage: desk.working_stage },
      }],
      undefined,
      { trusted: true },
    );
    const listed = async () => {
      const query = new URLSearchParams({
        where: JSON.stringify({ item: "item5" }),
        embedded: JSON.stringify({ user: 1 }),
      });
      return items(await send(`${url("item_comments")}?${query}`, { auth }), "comments");
    };

    await t.step("the item opens", async () => {
      ok(await send(`${url("archive")}/item5`, { auth }), 200, "item5");
    });

    await t.step("a saved comment is listed by where item", async () => {
      assert.deepEqual(await listed(), []);
      const comment = await post("item_comments", { text: "@suite hello", item: "item5" });
      const found = await listed();
      assert.deepEqual(found.map((doc) => doc._id), [comment._id]);
    });
  },
);
