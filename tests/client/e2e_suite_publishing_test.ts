/**
 * What superdesk-client-core's Playwright suite found wrong in the settings, highlights and
 * publishing specs (`e2e/client/playwright/hightlights.spec.ts` and the rest that e2e20b ran),
 * replayed as the client sends it, on the embedded default and on the real engines: a refused
 * highlights export answers Superdesk's `internal_error` status, which the client's
 * `exportHighlight` (`scripts/api/highlights.ts`) reads before it asks whether to go on; and
 * `client_config` publishes `validator_media_metadata` (Superdesk's default, or the
 * `VALIDATOR_MEDIA_METADATA` setting), the fields the upload view's metadata editor shows
 * (`authoring.picture.spec.ts`: an empty editor had no headline to fill).
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "highlights export and publishing answers",
  async (t, { server, session: { login, auth, url, post } }) => {
    const desk = await post("desks", { name: "Sports", members: [{ user: login.user }] });
    const task = { desk: desk._id, stage: desk.working_stage, user: login.user };

    await t.step("client_config: validator_media_metadata, Superdesk's default", async () => {
      const { config } = ok(await send(`${server.url}/client_config`), 200, "client_config");
      const required = Object.entries(config.validator_media_metadata)
        .filter(([, rules]) => (rules as { required?: boolean }).required)
        .map(([field]) => field);
      assert.deepEqual(required.sort(), [
        "alt_text",
        "anpa_category",
        "description_text",
        "headline",
        "slugline",
        "subject",
      ]);
      assert.deepEqual(config.validator_media_metadata.description_text, {
        required: true,
        textarea: true,
      });
    });

    await t.step("exporting a highlight with an unpublished item: 403, then export", async () => {
      const highlight = await post("highlights", {
        name: "Highlight 1",
        desks: [],
        auto_insert: "now/d",
        groups: ["main"],
      });
      const article = await post("archive", {
        type: "text",
        slugline: "article 1",
        body_html: "<p>body html article</p>",
        task,
      });
      await post("marked_for_highlights", {
        highlights: [highlight._id],
        marked_item: article._id,
      });
      const pkg = await post("archive", {
        type: "composite",
        headline: "Highlight 1",
        highlight: highlight._id,
        task,
        groups: [
          { id: "root", refs: [{ idRef: "main" }] },
          { id: "main", refs: [{ residRef: article._id }] },
        ],
      });
      // The client's exportHighlight: `.catch((response) => response.internal_error === 403 ...`
      const refused = await send(url("generate_highlights"), {
        method: "POST",
        auth,
        body: { package: pkg._id },
      });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.internal_error, 403, JSON.stringify(refused.body));
      // ... then, confirmed, `{package, export: true}`.
      const exported = await post("generate_highlights", { package: pkg._id, export: true });
      assert.match(exported.body_html, /body html article/);
    });
  },
);
