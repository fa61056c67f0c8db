/**
 * The "More templates..." menu's search, as the web client sends it, on the embedded default and
 * on the real engines (superdesk-client-core 997d498a4): Protractor's `authoring.createTextItem`
 * (e2e/client/specs/helpers/authoring.ts:340-346, users_spec's preference tests and many more)
 * types "plain text" in the menu's search; each keystroke runs `getUserTemplates`
 * (scripts/api/templates.ts:52-106), whose `$stringContains` on `template_name` becomes
 * `{$regex: text, $options: "-i"}` in `toPyEveQuery` (scripts/core/query-formatting.ts:92-96).
 * Superdesk's MongoDB 4.4 ignores the `-`; the search must find the template, in any case.
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/** `getUserTemplates(1, pageSize, "create", search)`'s `where`, current desk `deskId`. */
function userTemplatesWhere(userId: string, deskId: string, search: string) {
  const criteria = {
    $or: [
      { $and: [{ is_public: false }, { user: userId }] },
      {
        $and: [{ is_public: true }, {
          $or: [
            { template_desks: { $exists: false } },
            { template_desks: [] },
            { $and: [{ template_desks: { $in: [deskId] } }, { is_public: true }] },
          ],
        }],
      },
    ],
    $and: [{ template_type: "create" }],
  };
  return { $and: [criteria, { template_name: { $regex: search, $options: "-i" } }] };
}

suiteTest(
  "More templates...: the search finds a template as the client types",
  async (t, { session: { login, auth, url, post }, desk }) => {
    const template = await post("content_templates", {
      template_name: "plain text",
      template_type: "create",
      is_public: true,
      template_desks: [desk._id],
      data: { headline: "" },
    });
    await post("content_templates", {
      template_name: "story",
      template_type: "create",
      is_public: true,
      template_desks: [desk._id],
      data: { headline: "" },
    });
    for (const typed of ["p", "plain", "plain text", "PLAIN T"]) {
      await t.step(`typed "${typed}"`, async () => {
        const where = JSON.stringify(userTemplatesWhere(login.user, desk._id, typed));
        const query = new URLSearchParams({
          page: "1",
          max_results: "10",
          sort: '[("template_name", -1)]',
          where,
        });
        const found = items(
          await send(`${url("content_templates")}?${query}`, { auth }),
          "getUserTemplates",
        );
        assert.deepEqual(found.map((doc) => doc._id), [template._id]);
      });
    }
  },
);
