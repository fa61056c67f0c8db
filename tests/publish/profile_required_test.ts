/**
 * A content profile's required fields are held where Superdesk holds them (apps/validate), not on
 * save: an item stored without one is refused on a scheduled publish, a publish, a correction and
 * a kill, with Superdesk's message, and nothing is published.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

/** Superdesk's refusal of an item without its editor's note. */
const NO_EDNOTE = "[['ED. NOTE is a required field']]";

publishingTest(
  "a profile's required field is not needed on save, and is on every publishing action",
  async (room) => {
    await room.app.platform.registry.service("content_types").create([{
      _id: "noted",
      label: "Noted",
      enabled: true,
      schema: {
        headline: { type: "string", required: true },
        ednote: { type: "string", required: true },
      },
      editor: { headline: { enabled: true }, ednote: { enabled: true } },
    }], SYSTEM_ACTOR);
    const story = await room.story({ profile: "noted", headline: "Noted story" });
    const path = `/api/archive/${story._id}`;
    const saved = await body(
      await room.editor.patch(path, { slugline: "noted" }, {
        etag: story._etag,
      }),
    );
    assert.equal(saved.slugline, "noted");

    const later = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "+0000");
    const scheduled = await refused(
      await room.act("publish", saved, { publish_schedule: later }),
      400,
    );
    assert.equal(scheduled._issues["validator exception"], NO_EDNOTE);
    const published = await refused(await room.act("publish", saved), 400);
    assert.equal(published._issues["validator exception"], NO_EDNOTE);
    assert.equal((await body(await room.editor.get(path))).state, saved.state);

    const noted = await body(
      await room.editor.patch(path, { ednote: "note" }, {
        etag: saved._etag,
      }),
    );
    const out = await body(await room.act("publish", noted));
    assert.equal(out.state, "published");
    // A field sent as null is named as Superdesk's `validate` names a null value: by its name.
    for (const action of ["correct", "kill"]) {
      const refusal = await refused(await room.act(action, out, { ednote: null }), 400);
      assert.equal(
        refusal._issues["validator exception"],
        "[['EDNOTE is a required field']]",
        action,
      );
    }
    assert.equal((await body(await room.editor.get(path))).state, "published");
  },
);
