/**
 * "Set Default Template Metadata" run as a stage rule or destination runs it (a backend macro,
 * `POST /api/macros` with the item), on the embedded default and the real engines: empty fields
 * come from the desk's default template, the excluded ones stay,
 * overridden ones are replaced, subjects of a new scheme are added.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/app_api.ts";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

perEngineTest(
  "Set Default Template Metadata fills empty fields from the desk's template",
  async (app) => {
    const { registry } = app.platform;
    await registry.service("content_templates").create(
      [{
        _id: "tpl",
        template_name: "desk default",
        template_type: "create",
        data: {
          headline: "from template",
          slugline: "template slug",
          byline: "template byline",
          anpa_take_key: "template take",
          subject: [
            { qcode: "01000000", name: "arts", scheme: "subject_custom" },
            { qcode: "genre-a", name: "Genre", scheme: "genre_custom" },
          ],
        },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const user = await loginAs(app, { username: "editor", admin: true });
    const desk = await user.post("/api/desks", {
      name: "Sports",
      default_content_template: "tpl",
    });
    assert.equal(desk.status, 201);
    const deskId = (await desk.json())._id;
    const run = await user.post("/api/macros", {
      macro: "Set Default Template Metadata",
      item: {
        task: { desk: deskId },
        headline: "mine",
        slugline: "",
        anpa_take_key: "mine",
        subject: [{ qcode: "02000000", name: "crime", scheme: "subject_custom" }],
      },
    });
    assert.equal(run.status, 201);
    assert.match(run.headers.get("content-type")!, /application\/json/);
    const { item } = await run.json();
    assert.equal(item.headline, "mine");
    assert.equal(item.slugline, "template slug");
    assert.equal(item.anpa_take_key, "template take");
    assert.equal(item.byline, undefined);
    assert.deepEqual(item.subject, [
      { qcode: "02000000", name: "crime", scheme: "subject_custom" },
      { qcode: "genre-a", name: "Genre", scheme: "genre_custom" },
    ]);

    const nowhere = await user.post("/api/macros", {
      macro: "Set Default Template Metadata",
      item: { headline: "no desk" },
    });
    assert.equal(nowhere.status, 201);
    assert.deepEqual((await nowhere.json()).item, { headline: "no desk" });
  },
  {
    env: {
      DEFAULT_TEMPLATE_METADATA_MACRO_EXCLUDE: "byline",
      DEFAULT_TEMPLATE_METADATA_MACRO_OVERRIDE: "anpa_take_key",
    },
  },
);

perEngineTest(
  "Set Default Template Metadata reads only templates its caller may read",
  async (app) => {
    const { registry } = app.platform;
    const owner = await loginAs(app, { username: "owner", privileges: { archive: 1 } });
    const other = await loginAs(app, { username: "other", privileges: { archive: 1 } });
    // Another user's private template, made some desk's default.
    await registry.service("content_templates").create(
      [{
        _id: "private",
        template_name: "owner's own",
        template_type: "create",
        is_public: false,
        user: owner.userId,
        data: { slugline: "owner's secret slug" },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const [desk] = await registry.service("desks").create(
      [{ name: "Private", default_content_template: "private" }],
      SYSTEM_ACTOR,
    );
    const run = (client: typeof other) =>
      client.post("/api/macros", {
        macro: "Set Default Template Metadata",
        item: { task: { desk: desk!._id }, headline: "probe" },
      });
    const refused = await run(other);
    assert.equal(refused.status, 201);
    assert.deepEqual((await refused.json()).item, {
      task: { desk: desk!._id },
      headline: "probe",
    });
    const own = await run(owner);
    assert.equal((await own.json()).item.slugline, "owner's secret slug");
  },
);

// Superdesk's move passes the destination desk to the incoming rule (`desk=desk`).
perEngineTest(
  "as an incoming stage rule it fills from the destination desk's template",
  async (app) => {
    const { registry } = app.platform;
    await registry.service("content_templates").create(
      [
        { _id: "tpl-a", template_name: "a", is_public: true, data: { slugline: "A slug" } },
        { _id: "tpl-b", template_name: "b", is_public: true, data: { slugline: "B slug" } },
      ].map((template) => ({ ...template, template_type: "create" })),
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const user = await loginAs(app, { username: "editor", admin: true });
    const desk = async (name: string, template: string) => {
      const made = await user.post("/api/desks", { name, default_content_template: template });
      assert.equal(made.status, 201);
      return await made.json();
    };
    const from = await desk("From", "tpl-a");
    const to = await desk("To", "tpl-b");
    const stage = await user.post("/api/stages", {
      name: "ruled",
      desk: to._id,
      incoming_macro: "Set Default Template Metadata",
    });
    assert.equal(stage.status, 201);
    const stageId = (await stage.json())._id;
    await registry.service("archive").create(
      [{
        _id: "moved",
        guid: "moved",
        type: "text",
        state: "submitted",
        headline: "h",
        task: { desk: from._id, stage: from.incoming_stage },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const moved = await user.post("/api/archive/moved/move", [{
      task: { desk: to._id, stage: stageId },
    }]);
    assert.equal(moved.status, 201, await moved.clone().text());
    const stored = await (await user.get("/api/archive/moved")).json();
    assert.equal(stored.task.desk, to._id);
    assert.equal(stored.slugline, "B slug");
  },
);
