/**
 * The places module (Superdesk's `superdesk.places`): `GET /api/places_autocomplete?name=&lang=
 * &style=&featureClass=`, places named so from GeoNames, by default of the feature classes
 * `GEONAMES_FEATURE_CLASSES` (comma-separated, default `P`) in the style `GEONAMES_SEARCH_STYLE`
 * (default `medium`). Registered only when `GEONAMES_USERNAME` is set, as Superdesk's.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { BadRequestError } from "../errors.ts";
import { wireJson } from "../http/wire_json.ts";
import { formatGeonameItem, geonamesRequest } from "./geonames.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const placesApp = defineApp({
  name: "places",
  register(app: AppContext) {
    const username = app.setting("GEONAMES_USERNAME");
    if (!username) return;
    const account = {
      url: app.setting("GEONAMES_URL") || "http://api.geonames.org/",
      username,
      token: app.setting("GEONAMES_TOKEN") || undefined,
    };
    const featureClasses = (app.setting("GEONAMES_FEATURE_CLASSES") ?? "P")
      .replace(/[[\]"' ]/g, "").split(",").filter(Boolean).map((c) => c.toUpperCase());
    const style = app.setting("GEONAMES_SEARCH_STYLE") || "medium";
    const routes = createRouter();
    routes.get("/places_autocomplete", async (c) => {
      callerOf(c);
      const query = new URL(c.req.url).searchParams;
      const name = query.get("name");
      if (!name) throw new BadRequestError("A place name is required", { issues: { name: 1 } });
      const params: Array<[string, string]> = [
        ["name", name],
        ["lang", (query.get("lang") || "en").split("-")[0]!],
        ["style", query.get("style") || style],
      ];
      const asked = query.get("featureClass");
      for (const featureClass of asked ? [asked] : featureClasses) {
        params.push(["featureClass", featureClass]);
      }
      const answer = await geonamesRequest(account, "search", params);
      const items = (Array.isArray(answer.geonames) ? answer.geonames : []).map(formatGeonameItem);
      return wireJson({
        _items: items,
        _links: { parent: { title: "home", href: "/" } },
        _meta: { page: 1, max_results: items.length, total: items.length },
      });
    });
    app.routes(routes, {
      "/places_autocomplete": {
        get: {
          tags: ["Vocabularies"],
          operationId: "placesAutocomplete",
          summary: "Find places by name (GeoNames)",
          parameters: ["name", "lang", "style", "featureClass"].map((name) => ({
            name,
            in: "query",
            required: name === "name",
            schema: { type: "string" },
          })),
          responses: {
            "200": {
              description: "The places",
              ...jsonContent({
                type: "object",
                properties: { _items: { type: "array", items: { type: "object" } } },
                required: ["_items"],
              }),
            },
          },
        },
      },
    });
    app.link("places_autocomplete", "places_autocomplete");
  },
});
