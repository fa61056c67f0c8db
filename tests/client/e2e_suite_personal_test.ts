/**
 * superdesk-client-core's Playwright specs on personal space, replayed as the client sends them,
 * on the embedded default and on the real engines (client paths at superdesk-client-core
 * 997d498a4):
 * - monitoring.duplication "duplicate to personal space action": the client offers "Duplicate to
 *   personal" when `client_config` allows copies to personal space
 *   (scripts/apps/authoring/authoring/services/AuthoringService.ts:882,
 *   scripts/apps/archive/index.tsx:195) and POSTs `duplicate` with `desk: null`
 *   (scripts/apps/archive/controllers/DuplicateController.ts:13-17; the send-to panel's
 *   scripts/api/article-duplicate.tsx:14-18); the personal card then lists the copy
 *   (scripts/apps/monitoring/services/CardsService.ts:101-113);
 * - monitoring.personal-space "editing an article in personal space": a slugline longer than
 *   its profile's `maxlength` is saved (the client shows a counter and saves,
 *   scripts/apps/authoring/views/authoring-header.html:119-121,
 *   AuthoringService.ts:589-595).
 */
import assert from "node:assert/strict";
import { items, ok, send } from "./_journey_server.ts";
import { personalCard, suiteTest } from "./_suite_session.ts";

suiteTest(
  "duplicate to personal space, edit there",
  async (t, { session: { login, auth, url, post, editAndSave }, desk }) => {
    const personalItems = async () => {
      const source = encodeURIComponent(JSON.stringify(personalCard(login.user)));
      return items(
        await send(`${url("search")}?repo=archive&source=${source}`, { auth }),
        "personal card",
      );
    };

    await t.step("client_config offers copies to personal space", async () => {
      const config = ok(await send(url("client_config")), 200, "client_config");
      assert.equal(config.config.workflow_allow_copy_to_personal, true);
    });

    await t.step("Duplicate to personal: POST duplicate with desk null", async () => {
      const task = { desk: desk._id, stage: desk.working_stage, user: login.user };
      const item = await post("archive", { type: "text", headline: "test sports story", task });
      const before = await personalItems();
      const copy = ok(
        await send(url("duplicate").replace(/<.*>/, item._id), {
          method: "POST",
          auth,
          body: { desk: null, type: "archive", item_id: item.item_id },
        }),
        201,
        "duplicate to personal",
      );
      assert.equal(copy.task?.desk ?? null, null);
      const after = await personalItems();
      assert.equal(after.length, before.length + 1);
      const listed = after.filter((doc) => doc.headline === "test sports story");
      assert.deepEqual(listed.map((doc) => doc._id), [copy._id]);
    });

    await t.step("editing in personal space: a slugline over maxlength is saved", async () => {
      // The e2e dump's "Story" profile: slugline `maxlength: 24`, nothing required.
      const profile = await post("content_types", {
        label: "Story",
        enabled: true,
        schema: { slugline: { type: "string", required: false, maxlength: 24, nullable: true } },
      });
      const item = await post("archive", {
        type: "text",
        profile: profile._id,
        slugline: "personal space article 1",
      });
      const saved = await editAndSave(item._id, { slugline: "personal space article 1.1" });
      assert.equal(saved.slugline, "personal space article 1.1");
      const sluglines = (await personalItems()).map((doc) => doc.slugline);
      assert.ok(sluglines.includes("personal space article 1.1"), JSON.stringify(sluglines));
      assert.ok(!sluglines.includes("personal space article 1"));
    });
  },
);
