/** The spellcheck module (Superdesk's `apps.spellcheck`): `POST /api/spellcheck`. */
import { type AppContext, defineApp } from "../app_api.ts";
import { callerOf, createRouter, readDocument } from "../apps/app_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { spellcheck } from "./spellcheck.ts";
import { SpellcheckModels } from "./spellcheck_models.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const spellcheckApp = defineApp({
  name: "spellcheck",
  register(app: AppContext) {
    const models = new SpellcheckModels(app.services.documents);
    const routes = createRouter();
    routes.post("/spellcheck", async (c) => {
      callerOf(c, ARCHIVE_PRIVILEGE);
      const result = await spellcheck(models, await readDocument(c));
      return wireJson({
        ...result,
        _status: "OK",
        _links: { self: { title: "Spellcheck", href: "spellcheck" } },
      }, 201);
    });
    app.routes(routes, {
      "/spellcheck": {
        post: {
          tags: ["Dictionaries"],
          operationId: "spellcheckWord",
          summary: "Suggest corrections of a word",
          description: "Corrections from the language's active dictionaries, most frequent " +
            "first. Requires the `archive` privilege.",
          requestBody: {
            required: true,
            ...jsonContent({
              type: "object",
              properties: { word: { type: "string" }, language_id: { type: "string" } },
              required: ["word", "language_id"],
            }),
          },
          responses: {
            "201": {
              description: "The word with its corrections",
              ...jsonContent({
                type: "object",
                properties: {
                  word: { type: "string" },
                  language_id: { type: "string" },
                  corrections: { type: "array", items: { type: "string" } },
                },
              }),
            },
          },
        },
      },
    });
    app.link("spellcheck", "spellcheck");
  },
});
