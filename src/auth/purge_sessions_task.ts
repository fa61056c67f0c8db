/**
 * Removes expired sessions every ten minutes (Superdesk's `session:gc`), so the sessions
 * collection does not grow with abandoned logins. Expiry itself is enforced at each request.
 */
import { defineSchedule, defineTask } from "../app_api.ts";
import type { SessionsService } from "./sessions_service.ts";

export const purgeSessionsTask = defineTask({
  name: "sessions:purge-expired",
  queue: "expiry",
  async handler(_args, { services, log }) {
    const removed = await services.registry.service<SessionsService>("sessions").purgeExpired();
    if (removed > 0) log.info("expired sessions removed", { removed });
  },
});

export const purgeSessionsSchedule = defineSchedule({
  name: "sessions:purge-expired",
  task: { name: purgeSessionsTask.name, queue: "expiry" },
  everyMs: 10 * 60_000,
});
