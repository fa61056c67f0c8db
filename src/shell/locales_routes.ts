/**
 * `GET /api/locales/timezones` (Superdesk's `superdesk/locales.py`): `{timezones: [{id, name,
 * location}]}` named in the caller's `language` (else `DEFAULT_LANGUAGE`).
 */
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { timezones } from "./timezones.ts";

/** The router. */
export function localesRoutes(services: ServiceContext) {
  const routes = createRouter();
  routes.get("/locales/timezones", async (c) => {
    const actor = callerOf(c);
    const user = actor.userId
      ? await services.registry.service("users").findOne({ _id: actor.userId })
      : null;
    const language = typeof user?.language === "string" && user.language
      ? user.language
      : services.config.defaultLanguage;
    return wireJson({ timezones: await timezones(language) });
  });
  return routes;
}
