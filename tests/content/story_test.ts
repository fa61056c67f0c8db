/**
 * The story, as the web client writes it (superdesk-client-core's ContentService,
 * LockService, AutosaveService, AuthoringService): a new desk gets its default template and
 * profile, a journalist creates a story from the template, locks it, pauses three times while
 * typing (autosaves), saves, and closes it; nothing is lost and the autosave is gone.
 */
import assert from "node:assert/strict";
import { body, refused, signIn } from "../newsroom/_newsroom.ts";
import { contentTest } from "./_content.ts";

contentTest(
  "new desk → template and profile → create → lock → autosave ×3 → save → unlock",
  async (room) => {
    const { chief } = room;
    const desk = await body(await chief.post("/api/desks", { name: "Metro" }), 201);
    const journalist = await signIn(room.app, "journalist", { archive: 1 });
    const stored = await body(await chief.get(`/api/desks/${desk._id}`));
    assert.equal(stored.default_content_profile, "text");
    assert.ok(stored.default_content_template, "the desk got a default template");
    await room.app.platform.registry.service("desks").update(desk._id, {
      members: [{ user: journalist.userId }],
    });

    const template = await body(
      await journalist.get(`/api/content_templates/${stored.default_content_template}`),
    );
    assert.equal(template.data.profile, "text");
    const created = await body(
      await journalist.post("/api/archive", {
        type: template.data.type ?? "text",
        version: 0,
        ...template.data,
        template: template._id,
        task: { desk: desk._id, stage: stored.working_stage, user: journalist.userId },
      }),
      201,
    );

    const path = `/api/archive/${created._id}`;
    const locked = await body(await journalist.post(`${path}/lock`, { lock_action: "edit" }), 201);
    const opened = await body(await journalist.get(`${path}?embedded={"lock_user":1}`));
    assert.equal(opened.lock_user._id, journalist.userId);
    assert.equal(opened.profile, "text");
    assert.equal(opened.template, template._id);
    const profile = await body(await journalist.get(`/api/content_types/${opened.profile}`));
    assert.equal(profile.schema.headline.required, true);
    const vocabularies = await body(
      await journalist.get(
        '/api/vocabularies?where={"$or":[{"service":{"$exists":true}},{"_id":{"$in":["categories","genre"]}}]}',
      ),
    );
    assert.ok(vocabularies._items.length >= 2);
    await refused(await journalist.get(`/api/archive_autosave/${created._id}`), 404);

    const typing = ["Coun", "Council votes", "Council votes on the budget"];
    for (const headline of typing) {
      const saved = await body(
        await journalist.post("/api/archive_autosave", {
          _id: created._id,
          headline,
          fields_meta: {
            body_html: { draftjsState: [{ blocks: [{ text: `${headline}.` }], entityMap: {} }] },
          },
        }),
        201,
      );
      assert.equal(saved._id, created._id);
    }
    const autosave = await body(await journalist.get(`/api/archive_autosave/${created._id}`));
    assert.equal(autosave.headline, typing[2]);
    assert.equal(autosave.body_html, `<p>${typing[2]}.</p>`);
    const untouched = await body(await journalist.get(path));
    assert.equal(untouched.headline ?? "", "", "autosaves do not change the item");

    const save = await journalist.patch(`/api/${opened._links.self.href.replace(/^\//, "")}`, {
      headline: autosave.headline,
      body_html: autosave.body_html,
      fields_meta: autosave.fields_meta,
      slugline: "budget",
    }, { etag: locked._etag });
    const saved = await body(save);
    await refused(await journalist.get(`/api/archive_autosave/${created._id}`), 404);

    const unlocked = await body(await journalist.post(`${path}/unlock`, {}), 201);
    assert.equal(unlocked.lock_user ?? null, null);
    const story = await body(await journalist.get(path));
    assert.equal(story.headline, typing[2]);
    assert.equal(story.body_html, `<p>${typing[2]}.</p>`);
    assert.equal(story.word_count, 5);
    assert.equal(story.state, "in_progress");
    assert.equal(story._current_version, 1);
    assert.equal(story.version, 1);
    assert.equal(story.sign_off, "JOU");
    assert.equal(story._etag, unlocked._etag);
    assert.ok(saved._etag);
    const listed = await body(
      await journalist.get(`/api/archive?where={"task.desk":"${desk._id}"}`),
    );
    assert.deepEqual(listed._items.map((item: { _id: string }) => item._id), [created._id]);
    const used = await body(await chief.get("/api/content_types/text"));
    assert.equal(used.is_used, true);
  },
);
