/**
 * Requests for the enqueue step are coalesced per generation: requests read the generation a
 * run ends before its last look for pending copies, so one task serves every request of a
 * generation, a request after a run ended asks again, and scheduled requests are never merged.
 */
import assert from "node:assert/strict";
import {
  ENQUEUE_GENERATION,
  ENQUEUE_TASK,
  requestEnqueue,
} from "../../src/publish/enqueue_task.ts";
import { nextSequence } from "../../src/resources/sequences.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import type { EnqueueOptions, TaskQueue, TaskRef } from "../../src/tasks/task_queue.ts";

/** A queue that records what was enqueued (requestEnqueue uses nothing else). */
function recordingQueue() {
  const calls: Array<{ task: string; options: EnqueueOptions }> = [];
  const queue = {
    enqueue(task: TaskRef, _args: unknown, options: EnqueueOptions = {}) {
      calls.push({ task: typeof task === "string" ? task : task.name, options });
      return Promise.resolve(String(calls.length));
    },
  } as unknown as TaskQueue;
  return { queue, calls };
}

Deno.test("enqueue requests of one generation name one task; a run that ended it makes the next request ask again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "enqueue_request_" });
  const documents = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  try {
    const { queue, calls } = recordingQueue();
    await Promise.all([1, 2, 3].map(() => requestEnqueue(queue, documents)));
    await requestEnqueue(queue, documents);
    const keys = () => calls.map((call) => call.options.uniqueKey);
    assert.ok(calls.every((call) => call.task === ENQUEUE_TASK));
    assert.ok(keys().every((key) => key === `${ENQUEUE_TASK}:0`), JSON.stringify(keys()));
    assert.ok(calls.length >= 1 && calls.length <= 3, "the thread stops asking once it asked");
    const before = calls.length;
    await requestEnqueue(queue, documents);
    assert.equal(calls.length, before, "asked already for generation 0");

    // A run ends the generation: the next request asks for a run of the new one.
    await nextSequence(documents, ENQUEUE_GENERATION);
    await requestEnqueue(queue, documents);
    await requestEnqueue(queue, documents);
    assert.deepEqual(keys().slice(before), [`${ENQUEUE_TASK}:1`]);

    // A scheduled request is its own task, whatever the generation.
    const at = new Date(Date.now() + 60_000);
    await requestEnqueue(queue, documents, at);
    await requestEnqueue(queue, documents, at);
    const scheduled = calls.slice(before + 1);
    assert.equal(scheduled.length, 2);
    assert.ok(scheduled.every((call) => call.options.at === at && !call.options.uniqueKey));
  } finally {
    await documents.close();
    await Deno.remove(dir, { recursive: true });
  }
});
