/**
 * Two failures of superdesk-client-core's Playwright suite, replayed as the client sends its
 * requests, on the embedded default and on the real engines (client paths at
 * superdesk-client-core 997d498a4):
 * - authoring.picture "media metadata editor": the upload dialog POSTs the picture to `archive`
 *   (scripts/apps/archive/controllers/UploadController.ts:190-195, no task: personal space),
 *   then saves its metadata with the desk's task in the same PATCH (UploadController.ts:398-403,
 *   `addTaskToArticle` in scripts/apps/archive/services/ArchiveService.ts:14-17: `{desk, stage:
 *   working_stage, user}`); the picture must then be on that stage;
 * - monitoring.personal-space "sending an item from personal space": after `POST
 *   archive/<id>/move`, the Personal Items card refetches on `item:move` / `content:update` whose
 *   `user` is the session's (scripts/apps/monitoring/services/CardsService.ts:288-289) with
 *   `GET news?source=` (scripts/apps/monitoring/directives/MonitoringGroup.ts:704-727) and the
 *   card's filter (CardsService.ts:101-113); the moved item must be gone from that answer.
 */
import assert from "node:assert/strict";
import { mediaForm, picture } from "../media/_media.ts";
import {
  CLIENT_ORIGIN,
  clientSocket,
  items,
  ok,
  type PushedEvent,
  send,
} from "./_journey_server.ts";
import { personalCard, suiteTest } from "./_suite_session.ts";

suiteTest("an upload's PATCH onto a desk, personal space moves", async (t, room) => {
  const { server, desk, session: { login, auth, url, post } } = room;
  const socket = clientSocket(server);
  await socket.opened;
  const moveOf = (id: string) => (frame: PushedEvent) =>
    frame.event === "item:move" && frame.extra.item === id;
  try {
    await t.step(
      "authoring.picture: the upload's metadata PATCH puts it on the desk",
      async () => {
        const form = mediaForm(await picture(16, 12), { filename: "iptc-photo.jpg" });
        const uploaded = await fetch(url("archive"), {
          method: "POST",
          headers: { Origin: CLIENT_ORIGIN, Authorization: auth },
          body: form,
        });
        const created = ok(
          { status: uploaded.status, headers: uploaded.headers, body: await uploaded.json() },
          201,
          "upload",
        );
        assert.equal(created.task?.desk ?? null, null);
        const task = { desk: desk._id, stage: desk.working_stage, user: login.user };
        const saved = ok(
          await send(`${url("archive")}/${created._id}`, {
            method: "PATCH",
            auth,
            etag: created._etag,
            body: { headline: "picture", description_text: "", task },
          }),
          200,
          "metadata PATCH",
        );
        assert.equal(saved.headline, "picture");
        assert.equal(saved.task.desk, desk._id);
        assert.equal(saved.task.stage, desk.working_stage);
        await socket.events.until(
          (frames) => frames.some(moveOf(created._id)),
          "item:move for the picture",
        );
      },
    );

    await t.step("personal space: a moved item leaves the Personal Items card", async () => {
      const onDesk = await post("archive", {
        type: "text",
        headline: "test sports story",
        task: { desk: desk._id, stage: desk.working_stage },
      });
      const mine = await post("archive", {
        type: "text",
        headline: "personal space article 1",
      });
      const personal = async () =>
        items(
          await send(
            `${url("news")}?source=${encodeURIComponent(JSON.stringify(personalCard(login.user)))}`,
            { auth },
          ),
          "news",
        ).map((item) => item._id);
      const before = await personal();
      assert.ok(before.includes(mine._id), "the personal item is listed");
      assert.ok(!before.includes(onDesk._id), "an item on a desk is not personal");
      ok(
        await send(`${url("archive")}/${mine._id}/move`, {
          method: "POST",
          auth,
          body: [{ task: { desk: desk._id, stage: desk.working_stage } }],
        }),
        201,
        "move",
      );
      const [move] = await socket.events.until(
        (frames) => frames.some(moveOf(mine._id)),
        "item:move for the article",
      ).then((frames) => frames.filter(moveOf(mine._id)));
      // CardsService.ts:289: a personal card refetches on the session user's events.
      assert.equal(move?.extra.user, login.user);
      assert.ok(!(await personal()).includes(mine._id), "the moved item left personal space");
    });
  } finally {
    await socket.close();
  }
});
