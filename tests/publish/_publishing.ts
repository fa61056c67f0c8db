/**
 * The publishing test fixture: the newsroom fixture (an app on the embedded default or the real
 * engines, an editor and a writer on the "Politics" desk, every bus event collected) plus an
 * in-process task worker consuming the `publish` queue exactly as a worker thread does, an HTTP
 * receiver, and helpers to create products, subscribers and publishable stories over HTTP.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { createTaskRunner } from "../../src/tasks/task_runner.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, deskStory, type Json, type Newsroom, newsroomTest } from "../newsroom/_newsroom.ts";
import { type HttpReceiver, startHttpReceiver } from "./_receivers.ts";

/** What each publishing case receives. */
export interface Room extends Newsroom {
  receiver: HttpReceiver;
  /** Creates a product (`name` unique per test) and returns it. */
  product(fields?: Doc): Promise<Json>;
  /** Creates an active subscriber with `destinations` and returns it. */
  subscriber(fields: Doc): Promise<Json>;
  /** An HTTP push destination to the receiver at `path`. */
  pushTo(path: string, format?: string): Doc;
  /** A story on the desk, moved so it can be published (state `submitted`). */
  story(fields?: Doc): Promise<Json>;
  /** PATCH /api/archive/<action>/<id> with the item's etag; returns the response. */
  act(action: string, item: Json, updates?: Doc): Promise<Response>;
}

/** What the editor may do here: the newsroom's privileges plus publishing's. */
const PUBLISHER = {
  archive: 1,
  spike: 1,
  unspike: 1,
  unlock: 1,
  desks: 1,
  publish: 1,
  correct: 1,
  kill: 1,
  takedown: 1,
  unpublish: 1,
  resend: 1,
  rewrite: 1,
  subscribers: 1,
  products: 1,
  content_filters: 1,
  publish_queue: 1,
} as const;

/**
 * Registers `fn` on both stores with a worker consuming the publish queue in-process; `env` adds
 * settings.
 */
export function publishingTest(
  title: string,
  fn: (room: Room) => Promise<void>,
  { env }: { env?: Record<string, string> } = {},
): void {
  newsroomTest(title, async (newsroom) => {
    const platform = newsroom.app.platform;
    await platform.registry.service("users").update(newsroom.editor.userId, {
      privileges: PUBLISHER,
    }, { actor: SYSTEM_ACTOR });
    // A new session: the old token's actor may be cached with the old privileges.
    const editor = await newsroom.editor.signInAgain();
    const runner = createTaskRunner({
      queue: platform.queue,
      tasks: platform.tasks,
      services: platform.services,
      consumer: `test:${crypto.randomUUID().slice(0, 8)}`,
      log: silentLogger,
      queues: ["publish"],
      blockMs: 50,
      promoteEveryMs: 50,
    });
    const running = runner.run();
    const receiver = startHttpReceiver();
    let products = 0;
    const room: Room = {
      ...newsroom,
      editor,
      receiver,
      async product(fields = {}) {
        return await body(
          await editor.post("/api/products", { name: `product ${++products}`, ...fields }),
          201,
        );
      },
      async subscriber(fields) {
        const created = await body(
          await editor.post("/api/subscribers", {
            subscriber_type: "all",
            email: "subscriber@example.com",
            sequence_num_settings: { min: 1, max: 100 },
            is_active: true,
            ...fields,
          }),
          201,
        );
        return await body(await editor.get(`/api/subscribers/${created._id}`));
      },
      pushTo(path, format = "ninjs") {
        return {
          name: `push ${path}`,
          format,
          delivery_type: "http_push",
          config: { resource_url: `${receiver.url}${path}` },
        };
      },
      async story(fields = {}) {
        const story = await deskStory(newsroom, fields);
        const stages = await body(
          await editor.get(`/api/stages?where=${JSON.stringify({ desk: newsroom.desk._id })}`),
        );
        const other = stages._items.find((stage: Json) => stage._id !== story.task.stage);
        const moved = await editor.post(`/api/archive/${story._id}/move`, {
          task: { desk: newsroom.desk._id, stage: other._id },
        });
        assert.equal(moved.status, 201, await moved.clone().text());
        return await body(await editor.get(`/api/archive/${story._id}`));
      },
      act(action, item, updates = {}) {
        return editor.patch(`/api/archive/${action}/${item._id}`, updates, { etag: item._etag });
      },
    };
    try {
      await fn(room);
    } finally {
      await runner.stop();
      await running;
      await receiver.close();
    }
  }, { env });
}
