/**
 * Superdesk's features/attachments.feature over HTTP, with a small picture made in the test for
 * its bike.jpg (so `media.length` is that picture's).
 */
import { feature } from "./feature.ts";
import { picture, uploadFile } from "./_media_steps.ts";

feature("attachments", (f) => {
  f.scenario("Upload an attachment", ["auth"], async (s) => {
    await s.get("attachments");
    s.list(0);
    const bytes = await picture(40, 30);
    await uploadFile(s, "/attachments", { bytes, filename: "bike.jpg", type: "image/jpeg" }, {
      title: "Bike",
      description: "bike",
    });
    s.newResource(`{"filename": "bike.jpg", "mimetype": "image/jpeg",
      "media": {"length": ${bytes.length}}, "user": "#CONTEXT_USER_ID#",
      "title": "Bike", "description": "bike"}`);
    await s.patchLatest(`{"title": "Bike 2", "description": "bike 2"}`);
    s.ok(undefined, { updated: true });
    await s.deleteLatest();
    s.code(405);
  });
});
