/**
 * Publishing's background work run in-process by the scenario steps, as Superdesk's tests do:
 * they run Celery eagerly (`CELERY_TASK_ALWAYS_EAGER`), so a publish request has routed its item
 * into the queue by the time it answers (`enqueue_published.apply_async()` runs inline), and
 * `we transmit items` runs `PublishContent` (every due entry sent) inline. The scenario apps run
 * no worker: these call our task code directly with the app's platform.
 */
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import type { Platform } from "../../src/platform.ts";
import { enqueuePublished } from "../../src/publish/enqueue_task.ts";
import type { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { PUBLISH_KINDS } from "../../src/publish/publish_workflow.ts";
import { TRANSMIT_TASK, type TransmitArgs } from "../../src/publish/transmit_task.ts";
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** `/api/archive/<kind>/<id>`: a publish action, which requests `publish:enqueue`. */
const ACTION_PATH = new RegExp(`^/api/archive/(${PUBLISH_KINDS.join("|")})/[^/]+/?$`);

/** True when a successful `method` on `path` requested the enqueue step. */
export function requestsEnqueue(method: string, path: string): boolean {
  return method === "PATCH" && ACTION_PATH.test(new URL(path, "http://x/").pathname);
}

/** `we enqueue published`: routes every due pending published copy into the queue. */
export async function runEnqueue(platform: Platform): Promise<number> {
  const { registry, documents, locks, queue, log } = platform;
  return await enqueuePublished({ registry, documents, locks, queue }, { log });
}

/**
 * `we transmit items` (Superdesk's `PublishContent().run()`): every destination with an entry to
 * send now is sent to by our transmission task, in-process; returns those destinations.
 */
export async function runTransmit(platform: Platform): Promise<string[]> {
  const queue = platform.registry.service<PublishQueueService>("publish_queue");
  const waiting = await queue.entries({ state: { $in: ["pending", "in-progress", "retrying"] } });
  const ids = waiting.map((entry) => String((entry.destination as Doc | undefined)?._id ?? ""));
  const due = [...await queue.dueAmong(ids.filter(Boolean))].sort();
  if (due.length === 0) return due;
  const task = platform.tasks.get(TRANSMIT_TASK) as TaskDefinition<TransmitArgs, unknown>;
  await task.handler({ destinations: due }, {
    services: platform.services,
    signal: new AbortController().signal,
    log: platform.log,
    attempt: 1,
    taskId: "scenario-transmit",
  });
  return due;
}

/**
 * `the publish schedule lapses` (steps.py `run_overdue_schedule_jobs`): items `ids` and their
 * published copies are now scheduled 5 minutes ago, written as Superdesk's `system_update` does
 * (no new version); the next enqueue run fires them.
 */
export async function lapseSchedules(platform: Platform, ids: string[]): Promise<void> {
  const archive = platform.registry.service<ArchiveService>("archive");
  const published = platform.registry.service<PublishedService>("published");
  const lapsed = new Date(Date.now() - 5 * 60_000);
  for (const id of ids) {
    const current = await archive.getById(id, SYSTEM_ACTOR);
    const written = await archive.writeUnversioned(current, {
      publish_schedule: lapsed,
      schedule_settings: { utc_publish_schedule: lapsed, time_zone: null },
    });
    if (!written) throw new Error(`item ${id} changed while its schedule lapsed`);
    for (const copy of await published.copiesOf(id)) {
      await published.transition(String(copy._id), {}, {
        publish_schedule: lapsed,
        schedule_settings: {
          ...(copy.schedule_settings as Doc | undefined),
          utc_publish_schedule: lapsed,
        },
      });
    }
  }
}
