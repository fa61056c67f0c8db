/** Desks' content defaults over HTTP: seeded defaults, checked references, template desks. */
import assert from "node:assert/strict";
import { body, refused } from "../newsroom/_newsroom.ts";
import { contentTest, INVALID } from "./_content.ts";

contentTest(
  "a new desk gets the default profile and template; its own choice is kept",
  async (room) => {
    const { chief } = room;
    const plain = await body(
      await chief.get('/api/content_templates?where={"template_name":"plain text"}'),
    );
    const seeded = await body(await chief.post("/api/desks", { name: "Metro" }), 201);
    assert.equal(seeded.default_content_profile, "text");
    assert.equal(seeded.default_content_template, plain._items[0]._id);
    assert.equal(room.desk.default_content_profile, "text", "the fixture's desk too");
    const picture = await body(
      await chief.post("/api/desks", { name: "Photo", default_content_profile: "picture" }),
      201,
    );
    assert.equal(picture.default_content_profile, "picture");
    assert.equal(picture.default_content_template, undefined, "no template of that profile");
  },
);

contentTest("unknown default profiles and templates are refused", async (room) => {
  const { chief, desk } = room;
  const unknown = await refused(
    await chief.post("/api/desks", { name: "Bad", default_content_profile: "nope" }),
    INVALID,
  );
  assert.ok(unknown._issues.default_content_profile);
  await refused(
    await chief.post("/api/desks", {
      name: "Bad",
      default_content_template: "0123456789abcdef01234567",
    }),
    INVALID,
  );
  await refused(
    await chief.patch(`/api/desks/${desk._id}`, { default_content_profile: "nope" }, {
      etag: desk._etag,
    }),
    INVALID,
  );
  const list = await body(await chief.get('/api/desks?where={"name":"Bad"}'));
  assert.equal(list._items.length, 0, "nothing stored");
});

contentTest(
  "a desk joins the desks of the default template its creator names; a picked one stays everywhere",
  async (room) => {
    const { chief, desk } = room;
    const template = await body(
      await chief.post("/api/content_templates", {
        template_name: "politics story",
        is_public: true,
        template_desks: [desk._id],
        data: { profile: "text", headline: "Politics" },
      }),
      201,
    );
    const other = await body(
      await chief.post("/api/desks", { name: "Other", default_content_template: template._id }),
      201,
    );
    const after = await body(await chief.get(`/api/content_templates/${template._id}`));
    assert.deepEqual(after.template_desks, [desk._id, other._id]);
    const everywhere = await body(
      await chief.get('/api/content_templates?where={"template_name":"plain text"}'),
    );
    const picked = await body(await chief.post("/api/desks", { name: "Picked" }), 201);
    assert.equal(picked.default_content_template, everywhere._items[0]._id);
    const still = await body(await chief.get(`/api/content_templates/${everywhere._items[0]._id}`));
    assert.equal(still.template_desks, undefined, "a template picked by the server stays so");
    const third = await body(
      await chief.post("/api/desks", {
        name: "Third",
        default_content_template: everywhere._items[0]._id,
      }),
      201,
    );
    const named = await body(await chief.get(`/api/content_templates/${everywhere._items[0]._id}`));
    assert.deepEqual(named.template_desks, [third._id], "as Superdesk: named, it joins the desk");
  },
);
