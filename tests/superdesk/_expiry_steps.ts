/**
 * Content expiry and legal archive steps of Superdesk's behave suite (superdesk/tests/steps.py),
 * run in-process as Superdesk's are: `we expire items` backdates the items' expiry (and their
 * published copies') by 5 minutes and runs the expiry task's code; `run import legal publish
 * queue` and `we run import legal archive command` run the legal archive's tasks; a publishing
 * action's legal import (a Celery task Superdesk's tests run eagerly) runs when it is signalled.
 */
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import type { Platform } from "../../src/platform.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import {
  LEGAL_ARCHIVE_TASK,
  LEGAL_IMPORT_ITEM_TASK,
  LEGAL_QUEUE_TASK,
} from "../../src/legal/legal_tasks.ts";
import type { TaskDefinition } from "../../src/tasks/task_definition.ts";
import type { Scenario } from "./scenario.ts";

/** `we expire items` with the text's item ids. */
export async function expireItems(s: Scenario, text: string): Promise<void> {
  const { registry, log } = s.app.platform;
  const archive = registry.service<ArchiveService>("archive");
  const published = registry.service<PublishedService>("published");
  const expiry = new Date(Date.now() - 5 * 60_000);
  for (const id of s.json(text) as string[]) {
    const [item] = await archive.storedItems([id]);
    if (item && !(await archive.writeUnversioned(item, { expiry }))) {
      throw new Error(`item ${id} changed while its expiry was set`);
    }
    await published.transitionAll(
      (await published.copiesOf(id)).map((copy) => ({
        id: String(copy._id),
        expect: {},
        set: { expiry },
      })),
    );
  }
  await removeExpiredContent(registry, { log });
}

/** `run import legal publish queue`. */
export async function importLegalPublishQueue(s: Scenario): Promise<void> {
  await runTask(s.app.platform, LEGAL_QUEUE_TASK, {});
}

/** `we run import legal archive command`. */
export async function importLegalArchive(s: Scenario): Promise<void> {
  await runTask(s.app.platform, LEGAL_ARCHIVE_TASK, {});
}

/**
 * Runs the legal import each publishing action requests (its `item:published` signal's task)
 * when the action signals, as Superdesk's tests run Celery tasks eagerly; with the legal
 * archive on only.
 */
export function runLegalImportsEagerly(platform: Platform): void {
  if (!platform.tasks.has(LEGAL_IMPORT_ITEM_TASK)) return;
  platform.services.signals.on("item:published", async ({ item }) => {
    // As the legal module: a scheduled item goes in when its time comes.
    if (item.state === "scheduled") return;
    await runTask(platform, LEGAL_IMPORT_ITEM_TASK, { item_id: String(item._id) });
  }, { app: "scenario" });
}

async function runTask(platform: Platform, name: string, args: unknown) {
  const task = platform.tasks.get(name) as TaskDefinition<unknown, unknown> | undefined;
  if (!task) throw new Error(`task ${name} is not registered (is LEGAL_ARCHIVE on?)`);
  await task.handler(args, {
    services: platform.services,
    signal: new AbortController().signal,
    log: platform.log,
    attempt: 1,
    taskId: `scenario-${name}`,
  });
}
