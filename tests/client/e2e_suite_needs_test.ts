/**
 * What superdesk-client-core's Playwright suite (`e2e/client/playwright/*.spec.ts`) found missing
 * beyond the journey, replayed as the client sends it, on the embedded default and on the real
 * engines (client paths at superdesk-client-core 997d498a4):
 * - the `GET /api` titles its actions resolve before they send anything ("Duplicate in place":
 *   scripts/apps/archive/controllers/DuplicateController.ts:13, `api.save('duplicate', ...)`);
 * - the privileges its menus show entries for ("Spiked Items": `spike_read`,
 *   scripts/apps/monitoring/config.ts:34; the highlights menu: `highlights_read`,
 *   scripts/apps/highlights/index.ts:76; "Duplicate to personal": `send_to_personal`,
 *   scripts/core/interactive-article-actions-panel/utils/can-send-to-personal.tsx:10; the embargo
 *   field: `embargo`, .../subcomponents/publishing-date-options.tsx:77);
 * - a new item in personal space from a template offered on desks ("creating an article in
 *   personal space": scripts/apps/workspace/content/services/ContentService.ts:115, no task when
 *   in personal space, scripts/apps/archive/services/ArchiveService.ts:15);
 * - the `resource:*` events its content profile store (scripts/data-store.ts:28, through
 *   scripts/core/helpers/data-provider.ts:112) refetches on.
 */
import assert from "node:assert/strict";
import { clientSocket, items, ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/** Titles the suite's actions resolve in `GET /api`, with the route each names. */
const ACTION_TITLES = {
  duplicate: 'archive/<regex("[\\w,.:-]+"):guid>/duplicate',
  fetch: 'ingest/<regex("[\\w,.:-]+"):id>/fetch',
  archive_correction: "archive/correction",
  picture_crop: "picture_crop",
  picture_renditions: "picture_renditions",
  io_errors: "io_errors",
  feeding_services_allowed: "feeding_services_allowed",
  feed_parsers_allowed: "feed_parsers_allowed",
};

suiteTest(
  "action titles, menu privileges, profile events",
  async (t, { server, session: { login, auth, url, links, post }, desk }) => {
    await t.step("GET /api lists the titles the suite's actions resolve", () => {
      const listed = Object.fromEntries(
        Object.keys(ACTION_TITLES).map((title) => [title, links.get(title)]),
      );
      assert.deepEqual(listed, ACTION_TITLES);
    });

    await t.step("Duplicate in place: POST to the listed duplicate URL", async () => {
      const task = { desk: desk._id, stage: desk.working_stage, user: login.user };
      const item = await post("archive", { type: "text", headline: "test sports story", task });
      // DuplicateController.ts:13: `api.save('duplicate', {}, {desk, type, item_id}, item)`.
      const copy = ok(
        await send(url("duplicate").replace(/<.*>/, item._id), {
          method: "POST",
          auth,
          body: { desk: desk._id, type: "archive", item_id: item.item_id },
        }),
        201,
        "duplicate",
      );
      assert.notEqual(copy._id, item._id);
      const where = encodeURIComponent(JSON.stringify({ "task.desk": desk._id }));
      const onDesk = items(await send(`${url("archive")}?where=${where}`, { auth }), "desk");
      assert.deepEqual(
        onDesk.map((doc) => doc.headline),
        ["test sports story", "test sports story"],
      );
    });

    await t.step(
      "personal space: a new item from a desk's template (More Templates...)",
      async () => {
        const desk = await post("desks", { name: "Education" });
        const template = await post("content_templates", {
          template_name: "story",
          template_type: "create",
          is_public: true,
          template_desks: [desk._id],
          data: { headline: "from the story template" },
        });
        // The client's createItemFromTemplate in personal space: no desk in the item.
        const item = await post("archive", {
          type: "text",
          version: 0,
          template: template._id,
          format: "HTML",
        });
        assert.equal(item.headline, "from the story template");
        assert.equal(item.task?.desk ?? null, null);
        const other = await post("desks", { name: "Finances" });
        const refused = await send(url("archive"), {
          method: "POST",
          auth,
          body: { type: "text", template: template._id, task: { desk: other._id } },
        });
        assert.equal(refused.status, 403, "a desk the template is not offered on");
      },
    );

    await t.step("an administrator's active privileges show the suite's menus", async () => {
      const prefs = ok(await send(`${url("preferences")}/${login._id}`, { auth }), 200, "prefs");
      for (const name of ["spike_read", "highlights_read", "send_to_personal", "embargo"]) {
        assert.equal(prefs.active_privileges[name], 1, name);
      }
      const listed = items(await send(url("privileges"), { auth }), "privileges")
        .map((privilege) => privilege.name);
      for (const name of ["spike_read", "highlights_read", "send_to_personal", "embargo"]) {
        assert.ok(listed.includes(name), `${name} is not in GET /api/privileges`);
      }
    });

    await t.step("a content profile's PATCH reaches the socket as resource:updated", async () => {
      const socket = clientSocket(server);
      const { events } = socket;
      try {
        await socket.opened;
        const profile = await post("content_types", { label: "Story" });
        const isProfileEvent = (event: string, field: string) =>
        (
          frame: { event: string; extra: Record<string, unknown> },
        ) =>
          frame.event === event && frame.extra.resource === "content_types" &&
          frame.extra._id === profile._id &&
          (frame.extra.fields as Record<string, number>)[field] === 1;
        await events.until(
          (frames) => frames.some(isProfileEvent("resource:created", "label")),
          "resource:created for the profile",
        );
        ok(
          await send(`${url("content_types")}/${profile._id}`, {
            method: "PATCH",
            auth,
            etag: profile._etag,
            body: { icon: "map-marker" },
          }),
          200,
          "patch",
        );
        await events.until(
          (frames) => frames.some(isProfileEvent("resource:updated", "icon")),
          "resource:updated {icon: 1} for the profile",
        );
      } finally {
        await socket.close();
      }
    });
  },
);
