/**
 * `receiveMediaForm` (src/media/media_form.ts) bounds what it holds: the form's text fields
 * together, not each alone (a body may be MEDIA_MAX_BYTES of fields otherwise).
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { receiveMediaForm } from "../../src/media/media_form.ts";
import type { MediaIntake } from "../../src/media/media_intake.ts";

Deno.test("a form whose text fields pass 64 KiB together is a 400", async () => {
  const form = new FormData();
  form.append("headline", "h".repeat(40 * 1024));
  form.append("slugline", "s".repeat(40 * 1024));
  const request = new Request("http://x/api/archive", { method: "POST", body: form });
  const intake = {} as MediaIntake; // no file part: never used
  await assert.rejects(
    receiveMediaForm(request, intake, 1024),
    (error) => error instanceof BadRequestError && /text fields/.test(error.message),
  );
});
