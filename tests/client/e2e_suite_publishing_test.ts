/**
 * What superdesk-client-core's Playwright suite found wrong in the settings, highlights and
 * publishing specs (`e2e/client/playwright/hightlights.spec.ts` and the rest that e2e20b ran),
 * replayed as the client sends it, on the embedded default and on the real engines: a refused
 * highlights export answers Superdesk's `internal_error` status, which the client's
 * `exportHighlight` (`scripts/api/highlights.ts`) reads before it asks whether to go on.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { engineMissing, ENGINES } from "../_engine_app.ts";
import { basejoin, ok, send, startJourneyServer } from "./_journey_server.ts";

const ADMIN = { username: "suite", password: "suite-password-1" };

for (const engine of ENGINES) {
  Deno.test({
    name: `[${engine}] the client e2e suite: highlights export and publishing answers`,
    ignore: engineMissing(engine),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      await using server = await startJourneyServer(engine);
      await createUser(server.app.platform.registry, {
        ...ADMIN,
        email: "suite@example.com",
        admin: true,
      });
      const home = ok(await send(server.url), 200, "home");
      const links = new Map<string, string>(
        home._links.child.map((link: { title: string; href: string }) => [link.title, link.href]),
      );
      const url = (title: string) => basejoin(server, links.get(title)!);
      const login = ok(await send(url("auth_db"), { method: "POST", body: ADMIN }), 201, "login");
      const auth = `Basic ${btoa(`${login.token}:`)}`;
      const desk = ok(
        await send(url("desks"), {
          method: "POST",
          auth,
          body: { name: "Sports", members: [{ user: login.user }] },
        }),
        201,
        "desk",
      );
      const task = { desk: desk._id, stage: desk.working_stage, user: login.user };

      await t.step("exporting a highlight with an unpublished item: 403, then export", async () => {
        const highlight = ok(
          await send(url("highlights"), {
            method: "POST",
            auth,
            body: { name: "Highlight 1", desks: [], auto_insert: "now/d", groups: ["main"] },
          }),
          201,
          "highlight",
        );
        const article = ok(
          await send(url("archive"), {
            method: "POST",
            auth,
            body: {
              type: "text",
              slugline: "article 1",
              body_html: "<p>body html article</p>",
              task,
            },
          }),
          201,
          "article",
        );
        ok(
          await send(url("marked_for_highlights"), {
            method: "POST",
            auth,
            body: { highlights: [highlight._id], marked_item: article._id },
          }),
          201,
          "mark",
        );
        const pkg = ok(
          await send(url("archive"), {
            method: "POST",
            auth,
            body: {
              type: "composite",
              headline: "Highlight 1",
              highlight: highlight._id,
              task,
              groups: [
                { id: "root", refs: [{ idRef: "main" }] },
                { id: "main", refs: [{ residRef: article._id }] },
              ],
            },
          }),
          201,
          "package",
        );
        // The client's exportHighlight: `.catch((response) => response.internal_error === 403 ...`
        const refused = await send(url("generate_highlights"), {
          method: "POST",
          auth,
          body: { package: pkg._id },
        });
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal(refused.body.internal_error, 403, JSON.stringify(refused.body));
        // ... then, confirmed, `{package, export: true}`.
        const exported = ok(
          await send(url("generate_highlights"), {
            method: "POST",
            auth,
            body: { package: pkg._id, export: true },
          }),
          201,
          "export",
        );
        assert.match(exported.body_html, /body html article/);
      });
    },
  });
}
