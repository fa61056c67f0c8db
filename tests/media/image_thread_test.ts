/**
 * Pictures are decoded and resized off the API thread: while a large picture's renditions are
 * being made, other requests are answered; a picture the thread cannot read fails alone and
 * the thread goes on serving.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { createImageThread, ImageError } from "../../src/media/image_thread.ts";
import { PICTURE_RENDITIONS } from "../../src/media/rendition_specs.ts";
import { createTestApp } from "../_app.ts";
import { DrivenWorker, ManualClock } from "./_driven_image_thread.ts";
import { loginAs } from "../_auth.ts";
import { mediaForm, picture, postForm } from "./_media.ts";

Deno.test({
  name: "requests are answered while a picture's renditions are made",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = await createTestApp();
    try {
      const admin = await loginAs(app, { username: "admin", admin: true });
      const large = await picture(1000, 750, "image/jpeg", { smooth: true });
      // Warm the thread up so the upload below spends its time on pixels, not on starting it.
      await postForm(app, "/api/archive", mediaForm(await picture(8, 8)), admin.token);
      let uploaded = false;
      const upload = postForm(app, "/api/archive", mediaForm(large), admin.token).then((r) => {
        uploaded = true;
        return r;
      });
      // Three answers while the picture is being made show the API thread is free.
      let answeredDuring = 0;
      while (!uploaded && answeredDuring < 3) {
        const response = await admin.get("/api/upload");
        assert.equal(response.status, 200);
        await response.body?.cancel();
        if (!uploaded) answeredDuring += 1;
      }
      assert.equal((await upload).status, 201);
      assert.equal(answeredDuring, 3, `only ${answeredDuring} requests answered during the upload`);
    } finally {
      await app.close();
    }
  },
});

Deno.test("a picture the thread cannot read fails alone; the thread serves the next", async () => {
  const thread = createImageThread();
  try {
    await assert.rejects(
      thread.render(new TextEncoder().encode("not a picture"), {
        mimetype: "image/jpeg",
        renditions: PICTURE_RENDITIONS,
      }),
      ImageError,
    );
    const result = await thread.render(await picture(30, 20), {
      mimetype: "image/jpeg",
      renditions: { thumbnail: { width: 15 } },
    });
    assert.deepEqual([result.width, result.height], [30, 20]);
    assert.deepEqual(result.renditions.map(({ name, width, height }) => [name, width, height]), [
      ["thumbnail", 15, 10],
    ]);
  } finally {
    thread.close();
  }
});

const JOB = { mimetype: "image/png", renditions: {} };

Deno.test("jobs beyond the queue's bound are refused with a 503 at once", async () => {
  const spawned: DrivenWorker[] = [];
  const thread = createImageThread({
    maxPending: 2,
    clock: new ManualClock().clock,
    spawnWorker: () => {
      const worker = new DrivenWorker();
      spawned.push(worker);
      return worker;
    },
  });
  try {
    const held = [thread.render(new Uint8Array(), JOB), thread.render(new Uint8Array([1]), JOB)];
    held.forEach((job) => job.catch(() => {}));
    await assert.rejects(
      thread.render(new Uint8Array([1]), JOB),
      (error: unknown) => error instanceof ServiceUnavailableError && error.status === 503,
    );
    assert.equal(spawned[0]!.jobs.length, 2);
  } finally {
    thread.close();
  }
});
