/** Superdesk's features/content_renditions.feature over HTTP. */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { cropSizesVocabulary, fetchFileOk, rendition, uploadBike } from "./_crop_steps.ts";

/** `POST /picture_renditions` of the uploaded bike's viewImage (as item 123). */
async function renditionsOfViewImage(s: Scenario, extra = ""): Promise<void> {
  await cropSizesVocabulary(s);
  // A quarter of bike.jpg: its viewImage is 480×640 all the same (renditions are enlarged).
  await uploadBike(s, "archive", { scale: 0.25 });
  await s.post(
    "/picture_renditions",
    `{"item": {"_id": 123, "renditions": {"original": {
        "media": "#archive.renditions.viewImage.media#", "mimetype": "image/jpeg"}}}${extra}}`,
  );
  s.code(201);
}

feature("content_renditions", (f) => {
  f.scenario("Crops generated automatically for pictures", ["auth"], async (s) => {
    await renditionsOfViewImage(s);
    const names = ["16-9", "4-3", "baseImage", "original", "small", "square", "thumbnail"];
    for (const name of [...names, "viewImage"]) await rendition(s, name, "image/jpeg");
    await fetchFileOk(s, "#rendition.viewImage.href#");
    await fetchFileOk(s, "#rendition.16-9.href#");
  });

  f.scenario("Only system crops are generated", ["auth"], async (s) => {
    await renditionsOfViewImage(s, `, "no_custom_crops": true`);
    for (const name of ["baseImage", "original", "thumbnail", "viewImage"]) {
      await rendition(s, name, "image/jpeg");
    }
    // Not a step of the scenario, but what `no_custom_crops` means.
    s.noKeyIn("renditions", "16-9");
    await fetchFileOk(s, "#rendition.viewImage.href#");
  });
});
