/**
 * Superdesk's features/upload.feature over HTTP, with a picture made in the test for its
 * bike.jpg (a 500×400 JPEG, so the 333×333 crop is a crop).
 */
import { feature } from "./feature.ts";
import {
  croppedSmallerThan,
  deleteThatFile,
  fetchDataUri,
  fileMetadata,
  fileReference,
  picture,
  renditionsOf,
  uploadFile,
} from "./_media_steps.ts";

const URL_FETCH = "the server fetches no URL a client names (any user could make it reach the " +
  "private network): `URL` takes `data:` URIs only (README, Media)";
const AMAZON = "Amazon S3 media storage (`@amazon`)";

async function bike() {
  return {
    bytes: await picture(500, 400, "image/jpeg", { smooth: true }),
    filename: "bike.jpg",
    type: "image/jpeg",
  };
}

feature("upload", (f) => {
  f.scenario("Upload a binary file", ["auth"], async (s) => {
    await uploadFile(s, "/upload", await bike());
    await fileReference(s);
    fileMetadata(s);
    await renditionsOf(s, "avatar");
    await deleteThatFile(s);
  });

  f.scenario("Upload a binary file with cropping", ["auth"], async (s) => {
    await uploadFile(s, "/upload", await bike(), {
      CropTop: "0",
      CropLeft: "0",
      CropBottom: "333",
      CropRight: "333",
    });
    await fileReference(s);
    fileMetadata(s);
    await renditionsOf(s, "avatar");
    croppedSmallerThan(s, 25000);
    await fetchDataUri(s);
    await deleteThatFile(s);
  });

  f.wrong("Upload a file from URL with cropping", URL_FETCH);
  f.wrong("Upload a file from URL", URL_FETCH);
  f.needs("Upload a binary file", AMAZON);
  f.needs("Upload a binary file with cropping", AMAZON);
});
