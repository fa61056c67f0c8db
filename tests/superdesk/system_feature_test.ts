/**
 * Superdesk's features/system.feature: `/system/health` without a session. Superdesk's names
 * report our seams (`src/http/system_health.ts`): on the embedded default `mongo` is the SQLite
 * document store, `elastic` the SQLite search index, `celery` the SQLite task queue and `redis`
 * the in-process notification bus.
 */
import { feature } from "./feature.ts";

feature("system", (f) => {
  f.scenario("Health check", [], async (s) => {
    await s.get("/system/health");
    s.existingResource(`{
      "application_name": "Superdesk",
      "status": "green",
      "elastic": "green",
      "mongo": "green",
      "celery": "green",
      "redis": "green"
    }`);
  });
});
