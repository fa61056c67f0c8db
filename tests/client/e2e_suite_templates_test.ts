/**
 * superdesk-client-core's Protractor spec monitoring "Can create items from templates"
 * (e2e/client/specs/monitoring_spec.ts:903), replayed as the client sends it, on the embedded
 * default and on the real engines: the item is created from the "plain text" template
 * (scripts/apps/workspace/content/services/ContentService.ts:115-137: `POST archive` with the
 * template's data and `template`), only its slugline and editor's note are typed and it is saved
 * (AuthoringService.ts: `PATCH archive/<id>` of the changed fields). The template's profile (the
 * e2e data's "Plain text", superdesk-core apps/prepopulate/app_prepopulate_data.json) requires
 * headline, slugline, subject and body: Superdesk stores the save and holds the item to them on
 * publish (apps/validate), refusing it with its messages.
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/** The e2e data's "Plain text" profile, its fields the spec touches and those it requires. */
const PLAIN_TEXT_PROFILE = {
  label: "Plain text",
  enabled: true,
  schema: {
    headline: { type: "string", required: true, maxlength: 64, nullable: false },
    slugline: { type: "string", required: true, maxlength: 24, nullable: false },
    ednote: { type: "string", required: false, nullable: true },
    subject: {
      type: "list",
      required: true,
      mandatory_in_list: { scheme: {} },
      schema: {},
      nullable: false,
    },
    body_html: { type: "string", required: true, nullable: true },
  },
  editor: {
    slugline: { order: 1, sdWidth: "full" },
    headline: { order: 2, formatOptions: [] },
    ednote: { order: 3 },
    subject: { order: 4 },
    body_html: { order: 5, formatOptions: [] },
  },
};

suiteTest(
  "create an item from a template whose profile requires fields, save it, publish it",
  async (t, { session: { login, auth, url, post, editAndSave }, desk }) => {
    const profile = await post("content_types", PLAIN_TEXT_PROFILE);
    // The seeded "plain text" template, given the e2e data's profile.
    const where = encodeURIComponent(JSON.stringify({ template_name: "plain text" }));
    const [seeded] = ok(
      await send(`${url("content_templates")}?where=${where}`, { auth }),
      200,
      "templates",
    )._items;
    const template = ok(
      await send(`${url("content_templates")}/${seeded._id}`, {
        method: "PATCH",
        auth,
        etag: seeded._etag,
        body: { data: { profile: profile._id, type: "text" } },
      }),
      200,
      "template",
    );
    let item: { _id: string; _etag: string };

    await t.step("createTextItemFromTemplate: POST archive with template", async () => {
      // `pickItemData(template.data)` and `template`, with the desk's task.
      item = await post("archive", {
        type: "text",
        version: 0,
        profile: profile._id,
        template: template._id,
        task: { desk: desk._id, stage: desk.working_stage, user: login.user },
      });
      assert.equal((item as { profile?: string }).profile, profile._id);
    });

    await t.step("slugline and editor's note typed, saved: the save is stored", async () => {
      const saved = await editAndSave(item._id, {
        slugline: "slugline template",
        ednote: "test editor's note for template",
      });
      const path = `${url("archive")}/${item._id}`;
      const stored = ok(await send(path, { auth }), 200, "read back");
      assert.equal(stored.slugline, "slugline template");
      assert.equal(stored.ednote, "test editor's note for template");
      assert.equal(stored._etag, saved._etag);
      item = stored;
    });

    await t.step("publishing it is refused, naming the required fields", async () => {
      const failed = await send(`${url("archive")}/publish/${item._id}`, {
        method: "PATCH",
        auth,
        etag: item._etag,
        body: {},
      });
      assert.equal(failed.status, 400, JSON.stringify(failed.body));
      const message = String(failed.body._issues["validator exception"]);
      for (const field of ["HEADLINE", "SUBJECT", "BODY HTML"]) {
        assert.match(message, new RegExp(`'${field} is a required field'`), message);
      }
      assert.doesNotMatch(message, /SLUGLINE/);
      const stored = ok(await send(`${url("archive")}/${item._id}`, { auth }), 200, "read back");
      assert.equal(stored.state, "in_progress", "nothing was published");
    });
  },
);
