/**
 * The schedules a worker role runs: every registered schedule except those `DISABLED_SCHEDULES`
 * names, as a Superdesk deployment drops entries from its `CELERY_BEAT_SCHEDULE` (its e2e server
 * runs no beat at all). A name no app registers is a start-up error, so a typo cannot leave a
 * job running that the operator meant to stop.
 */
import { ConfigError } from "../errors.ts";
import type { Schedule } from "./schedule.ts";

/** `schedules` without the ones named in `disabled`; throws ConfigError on an unknown name. */
export function enabledSchedules(
  schedules: readonly Schedule[],
  disabled: readonly string[],
): Schedule[] {
  const known = new Set(schedules.map((schedule) => schedule.name));
  const unknown = disabled.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      "DISABLED_SCHEDULES",
      `no schedule named ${unknown.join(", ")}; the schedules are ${[...known].join(", ")}`,
    );
  }
  const off = new Set(disabled);
  return schedules.filter((schedule) => !off.has(schedule.name));
}
