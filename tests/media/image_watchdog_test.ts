/**
 * The image thread's watchdog counts silence, not a job's time: a thread that keeps reporting
 * steps is left to finish however slow the machine, one that reports nothing for the stall
 * period is stopped, its jobs fail and the next job gets a new thread. Driven by events: a
 * stand-in thread and a clock the tests move.
 */
import assert from "node:assert/strict";
import type { ImageMessage } from "../../src/media/image_protocol.ts";
import { createImageThread, ImageError, type ImageThread } from "../../src/media/image_thread.ts";
import { DrivenWorker, ManualClock } from "./_driven_image_thread.ts";
import { picture } from "./_media.ts";
import { settled } from "../storage/_group_commit_db.ts";

const STALL = 1000;
const JOB = { mimetype: "image/png", renditions: {} };

/** Runs `fn` with an image thread of driven workers (`spawned`, in order) on a manual clock. */
async function withDrivenThread(
  fn: (
    ctx: { time: ManualClock; spawned: DrivenWorker[]; thread: ImageThread },
  ) => Promise<void>,
): Promise<void> {
  const time = new ManualClock();
  const spawned: DrivenWorker[] = [];
  const thread = createImageThread({
    stallMs: STALL,
    clock: time.clock,
    spawnWorker: () => {
      const worker = new DrivenWorker();
      spawned.push(worker);
      return worker;
    },
  });
  try {
    await fn({ time, spawned, thread });
  } finally {
    thread.close();
  }
}

Deno.test("a slow picture whose thread keeps reporting steps is left to finish", () =>
  withDrivenThread(async ({ time, spawned, thread }) => {
    const job = thread.render(new Uint8Array([1]), JOB);
    const id = spawned[0]!.jobs[0]!.id;
    // Ten stall periods in all, never one of silence.
    for (let step = 0; step < 10; step += 1) {
      time.advance(STALL - 1);
      spawned[0]!.report(id, `step ${step}`);
    }
    time.advance(STALL - 1);
    assert.equal(await settled(job), false);
    spawned[0]!.answer(id);
    assert.equal((await job).ok, true);
    assert.equal(spawned.length, 1);
    assert.equal(spawned[0]!.terminated, false);
  }));

Deno.test("a thread silent for the stall period is stopped: its jobs fail, the next gets a new thread", () =>
  withDrivenThread(async ({ time, spawned, thread }) => {
    const first = thread.render(new Uint8Array([1]), JOB);
    const second = thread.render(new Uint8Array([2]), JOB);
    spawned[0]!.report(spawned[0]!.jobs[0]!.id, "decoded");
    time.advance(STALL - 1);
    assert.equal(await settled(first), false);
    time.advance(1);
    for (const job of [first, second]) {
      await assert.rejects(
        job,
        (error: unknown) => error instanceof ImageError && /reported nothing/.test(error.message),
      );
    }
    assert.equal(spawned[0]!.terminated, true);
    const next = thread.render(new Uint8Array([3]), JOB);
    assert.equal(spawned.length, 2);
    spawned[1]!.answer(spawned[1]!.jobs[0]!.id);
    assert.equal((await next).ok, true);
  }));

Deno.test("a stopped thread's late reports do not keep its successor alive", () =>
  withDrivenThread(async ({ time, spawned, thread }) => {
    thread.render(new Uint8Array([1]), JOB).catch(() => {});
    time.advance(STALL);
    const next = thread.render(new Uint8Array([2]), JOB);
    time.advance(STALL - 1);
    spawned[0]!.report(1, "decoded");
    time.advance(1);
    await assert.rejects(next, ImageError);
    assert.equal(spawned[1]!.terminated, true);
  }));

Deno.test("an idle thread is never stopped", () =>
  withDrivenThread(async ({ time, spawned, thread }) => {
    const job = thread.render(new Uint8Array([1]), JOB);
    spawned[0]!.answer(spawned[0]!.jobs[0]!.id);
    await job;
    time.advance(STALL * 10);
    assert.equal(spawned[0]!.terminated, false);
  }));

const STALLING = new URL("./_stalling_worker.js", import.meta.url);

Deno.test("a real thread busy for good is stopped when the stall period passes", async () => {
  const time = new ManualClock();
  // The thread says it is spinning before it spins: the clock moves once it truly is stuck.
  const spinning = Promise.withResolvers<void>();
  const thread = createImageThread({
    stallMs: STALL,
    clock: time.clock,
    spawnWorker: () => {
      const worker = new Worker(STALLING.href, { type: "module" });
      worker.addEventListener("message", ({ data }) => {
        if (data.progress === "spinning") spinning.resolve();
      });
      return worker;
    },
  });
  try {
    const stuck = thread.render(new Uint8Array(), JOB);
    await spinning.promise;
    time.advance(STALL - 1);
    assert.equal(await settled(stuck), false);
    time.advance(1);
    await assert.rejects(stuck, ImageError);
    assert.equal((await thread.render(new Uint8Array([1]), JOB)).ok, true);
  } finally {
    thread.close();
  }
});

Deno.test("the image worker reports its start and each step of a job before answering", async () => {
  const worker = new Worker(
    new URL("../../workers/image_worker.ts", import.meta.url).href,
    { type: "module" },
  );
  try {
    const messages: ImageMessage[] = [];
    const answered = Promise.withResolvers<void>();
    worker.onmessage = ({ data }: MessageEvent<ImageMessage>) => {
      messages.push(data);
      if (!("progress" in data)) answered.resolve();
    };
    const bytes = (await picture(40, 30)).buffer;
    worker.postMessage({
      id: 7,
      bytes,
      mimetype: "image/jpeg",
      crop: { left: 0, top: 0, right: 20, bottom: 20 },
      renditions: { baseImage: { width: 10 }, thumbnail: { width: 5 } },
    }, [bytes]);
    await answered.promise;
    assert.deepEqual(messages.map((m) => "progress" in m ? [m.id, m.progress] : [m.id, m.ok]), [
      [0, "started"],
      [7, "decoded"],
      [7, "cropped"],
      [7, "encoded original"],
      [7, "resized baseImage"],
      [7, "encoded baseImage"],
      [7, "resized thumbnail"],
      [7, "encoded thumbnail"],
      [7, true],
    ]);
  } finally {
    worker.terminate();
  }
});
